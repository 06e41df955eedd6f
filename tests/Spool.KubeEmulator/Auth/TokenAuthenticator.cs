using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Spool.KubeEmulator.Auth;

/// <summary>Bearer tokens: one admin token (system:masters) plus minted user and service-account tokens.</summary>
public sealed class TokenAuthenticator
{
    private readonly ConcurrentDictionary<string, UserInfo> _tokens = new(StringComparer.Ordinal);

    public TokenAuthenticator(string? adminToken)
    {
        AdminToken = adminToken ?? NewToken("admin");
        _tokens[AdminToken] = new UserInfo("kubernetes-admin", ["system:masters", "system:authenticated"]);
    }

    public string AdminToken { get; }

    public bool AllowAnonymous { get; init; }

    public static UserInfo Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"]);

    /// <summary>A token for system:serviceaccount:&lt;ns&gt;:&lt;name&gt; with the groups a real service account token carries.</summary>
    public string MintServiceAccountToken(string @namespace, string name)
    {
        var token = NewToken("sa");
        _tokens[token] = ServiceAccountUser(@namespace, name);
        return token;
    }

    public static UserInfo ServiceAccountUser(string @namespace, string name) =>
        new($"system:serviceaccount:{@namespace}:{name}", ["system:serviceaccounts", $"system:serviceaccounts:{@namespace}", "system:authenticated"]);

    public string MintUserToken(string user, IEnumerable<string> groups)
    {
        var token = NewToken("user");
        _tokens[token] = new UserInfo(user, groups.Append("system:authenticated").Distinct().ToList());
        return token;
    }

    public UserInfo? Authenticate(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return AllowAnonymous ? Anonymous : null;
        }
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return _tokens.TryGetValue(authorization["Bearer ".Length..].Trim(), out var user) ? user : null;
    }

    private static string NewToken(string prefix) => $"{prefix}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))}";
}
