using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Spool.Protocol.Generator;

/// <summary>Incremental generator: every AdditionalFiles item ending in .kspec becomes message classes.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class MessageGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor SpecErrorDescriptor = new DiagnosticDescriptor(
        id: "SPOOLGEN001",
        title: "Invalid message definition",
        messageFormat: "{0}({1}): {2}",
        category: "Spool.Protocol.Generator",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Where(f => f.Path.EndsWith(".kspec", System.StringComparison.OrdinalIgnoreCase))
            .Select((f, ct) =>
            {
                var text = f.GetText(ct)?.ToString() ?? string.Empty;
                var (messages, errors) = SpecParser.Parse(Path.GetFileName(f.Path), text);
                return new ParsedFile(f.Path, messages.ToImmutableArray(), errors.ToImmutableArray());
            });

        context.RegisterSourceOutput(specs, (spc, file) =>
        {
            foreach (var e in file.Errors)
            {
                spc.ReportDiagnostic(Diagnostic.Create(SpecErrorDescriptor, Location.None, e.Path, e.Line, e.Message));
            }

            if (!file.Errors.IsEmpty)
            {
                return;
            }

            foreach (var m in file.Messages)
            {
                spc.AddSource($"{m.ClassName}.g.cs", SourceText.From(new MessageEmitter(m).Emit(), Encoding.UTF8));
            }
        });

        context.RegisterSourceOutput(specs.Collect(), (spc, files) =>
        {
            var all = files.Where(f => f.Errors.IsEmpty).SelectMany(f => f.Messages).ToList();
            spc.AddSource("ApiCatalog.g.cs", SourceText.From(CatalogEmitter.Emit(all), Encoding.UTF8));
        });
    }

    private sealed class ParsedFile
    {
        public ParsedFile(string path, ImmutableArray<MessageSpec> messages, ImmutableArray<SpecError> errors)
        {
            Path = path;
            Messages = messages;
            Errors = errors;
        }

        public string Path { get; }

        public ImmutableArray<MessageSpec> Messages { get; }

        public ImmutableArray<SpecError> Errors { get; }
    }
}
