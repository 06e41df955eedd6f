using System.Text;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// Record bytes as JSON text: UTF-8 when they are valid UTF-8, base64 otherwise, so binary keys and values
/// survive a round trip through <c>consume --output json | produce --format json</c>.
/// </summary>
internal static class EncodedText
{
    public const string Utf8 = "utf8";
    public const string Base64 = "base64";

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static (string? Text, string Encoding) Encode(ReadOnlyMemory<byte>? bytes)
    {
        if (bytes is not { } data)
        {
            return (null, Utf8);
        }

        try
        {
            return (Strict.GetString(data.Span), Utf8);
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(data.Span), Base64);
        }
    }

    public static byte[]? Decode(string? text, string? encoding, string field)
    {
        if (text is null)
        {
            return null;
        }

        return encoding switch
        {
            null or Utf8 => Encoding.UTF8.GetBytes(text),
            Base64 => DecodeBase64(text, field),
            _ => throw new FormatException($"{field}Encoding must be \"{Utf8}\" or \"{Base64}\", not \"{encoding}\""),
        };
    }

    private static byte[] DecodeBase64(string text, string field)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"{field} is not valid base64");
        }
    }
}
