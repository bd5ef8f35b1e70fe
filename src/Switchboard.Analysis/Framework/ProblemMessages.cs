using Switchboard.Analysis.Messages;
using Switchboard.Config.Source;

namespace Switchboard.Analysis.Framework;

/// <summary>Turns the loader's problems into catalogue messages, so schema errors print like every other finding.</summary>
public static class ProblemMessages
{
    public static AnalysisMessage From(ConfigProblem problem)
    {
        var type = problem.Kind switch
        {
            ProblemKind.Deprecated => Catalogue.Deprecated,
            ProblemKind.SchemaWarning => Catalogue.SchemaWarning,
            _ => Catalogue.SchemaValidationError,
        };
        return new AnalysisMessage(type, type.Format(problem.Message), problem.Resource, problem.Location);
    }
}
