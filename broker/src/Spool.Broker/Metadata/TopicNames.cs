namespace Spool.Broker.Metadata;

/// <summary>Kafka's topic name rules.</summary>
public static class TopicNames
{
    public const int MaxLength = 249;

    /// <summary>Null when the name is legal, else Kafka's message for INVALID_TOPIC_EXCEPTION.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "Topic name is illegal, it can't be empty";
        }

        if (name is "." or "..")
        {
            return "Topic name cannot be \".\" or \"..\"";
        }

        if (name.Length > MaxLength)
        {
            return $"Topic name is illegal, it can't be longer than {MaxLength} characters, topic name: {name}";
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"Topic name \"{name}\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'";
            }
        }

        return null;
    }

    /// <summary>'.' and '_' collide in metric names, so Kafka refuses topics that differ only by them.</summary>
    public static string CollisionKey(string name) => name.Replace('.', '_');
}
