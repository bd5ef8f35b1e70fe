using Switchboard.Analysis.Mesh;
using Switchboard.Analysis.Messages;
using Switchboard.Config;

namespace Switchboard.Analysis.Framework;

/// <summary>What an analyzer sees (the indexed mesh) and where it reports (located messages).</summary>
public sealed class AnalysisContext(MeshIndex mesh, TimeProvider time)
{
    private readonly List<AnalysisMessage> _messages = [];

    public MeshIndex Mesh { get; } = mesh;

    /// <summary>The clock, for checks such as certificate expiry.</summary>
    public TimeProvider Time { get; } = time;

    public IReadOnlyList<AnalysisMessage> Messages => _messages;

    /// <summary>Reports <paramref name="type"/> on <paramref name="resource"/>, located at field <paramref name="path"/>.</summary>
    public void Report(MessageType type, Resource resource, string path, params object?[] args) =>
        _messages.Add(new AnalysisMessage(type, type.Format(args), resource.Key, resource.Locate(path)));

    public void Add(AnalysisMessage message) => _messages.Add(message);
}
