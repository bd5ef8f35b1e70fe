namespace Switchboard.Authorization.Normalization;

/// <summary>
/// RFC 3986 §5.2.4 <c>remove_dot_segments</c> for a path starting with <c>/</c>, written as a segment stack: <c>.</c>
/// is dropped, <c>..</c> drops the segment before it (never above the root), and a path ending in a dot segment keeps
/// its trailing slash. Empty segments are real segments (<c>/app//../admin</c> is <c>/app/admin</c>, reference §6 A).
/// </summary>
internal static class DotSegments
{
    public static string Remove(string path)
    {
        if (!HasDotSegment(path)) return path;
        var stack = new List<string>();
        var segments = path.Split('/');
        var trailingSlash = false;
        for (var i = 1; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment == ".")
            {
                trailingSlash = last;
            }
            else if (segment == "..")
            {
                if (stack.Count > 0) stack.RemoveAt(stack.Count - 1);
                trailingSlash = last;
            }
            else
            {
                stack.Add(segment);
            }
        }
        var result = "/" + string.Join('/', stack);
        return trailingSlash && stack.Count > 0 ? result + "/" : result;
    }

    private static bool HasDotSegment(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            if (segment is "." or "..") return true;
        }
        return false;
    }
}
