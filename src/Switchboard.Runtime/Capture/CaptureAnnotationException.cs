namespace Switchboard.Runtime.Capture;

/// <summary>One bad <c>traffic.sidecar.istio.io/*</c> annotation value: which annotation, its whole value, and what is wrong.</summary>
public sealed record CaptureAnnotationError(string Annotation, string Value, string Problem)
{
    public override string ToString() => $"annotation {Annotation}=\"{Value}\": {Problem}";
}

/// <summary>Thrown by <see cref="CaptureOptions.FromAnnotations"/> with every bad annotation of the pod, one per line in the message.</summary>
public sealed class CaptureAnnotationException(IReadOnlyList<CaptureAnnotationError> errors)
    : FormatException(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<CaptureAnnotationError> Errors { get; } = errors;
}
