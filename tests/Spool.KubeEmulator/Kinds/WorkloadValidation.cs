using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>Checks shared by StatefulSets and Deployments: a selector that matches the template's labels.</summary>
public static class WorkloadValidation
{
    public static void SelectorMatchesTemplate(JsonObject obj, List<FieldError> errors)
    {
        var selector = Jn.ObjAt(obj, "spec", "selector");
        if (selector is null)
        {
            errors.Add(FieldError.Required("spec.selector"));
            return;
        }
        var parsed = LabelSelector.FromJson(selector);
        if (parsed.IsEmpty)
        {
            errors.Add(FieldError.Invalid("spec.selector", selector, "empty selector is invalid for deployment"));
            return;
        }
        var labels = Jn.StringMap(Jn.Get(obj, "spec", "template", "metadata", "labels"));
        if (!parsed.Matches(labels))
        {
            var rendered = "map[string]string{" + string.Join(", ", labels.Select(kv => $"\"{kv.Key}\":\"{kv.Value}\"")) + "}";
            errors.Add(FieldError.InvalidText("spec.template.metadata.labels", rendered, "`selector` does not match template `labels`"));
        }
    }
}
