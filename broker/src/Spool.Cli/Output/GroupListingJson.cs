namespace Spool.Cli.Output;

/// <summary>One row of <c>spool groups list</c>; protocolType is "consumer" for consumer groups, "" for offset-only groups.</summary>
public sealed record GroupListingJson(string GroupId, string State, string ProtocolType, string Type, int Coordinator);
