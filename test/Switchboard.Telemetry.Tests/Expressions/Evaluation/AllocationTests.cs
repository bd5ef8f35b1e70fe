using Switchboard.Telemetry.Expressions;
using Switchboard.Telemetry.Tests.TestSupport;

namespace Switchboard.Telemetry.Tests.Expressions.Evaluation;

/// <summary>
/// Filters run on every request in the proxy, so the common shapes must not allocate: values are structs, attribute
/// paths and constant header keys are resolved at parse time, and constant lists are built once.
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData("response.code >= 400")]
    [InlineData("connection.mtls && request.url_path.contains('v1beta3')")]
    [InlineData("!has(request.useragent) || !(request.useragent.startsWith(\"Amazon-Route53-Health-Check-Service\"))")]
    [InlineData("response.code != 200 || request.url_path != '/healthz'")]
    [InlineData("request.headers['X-User-Type'] == 'gold' && request.method in ['GET', 'HEAD']")]
    [InlineData("request.url_path.matches('^/api/v[0-9]+/')")]
    [InlineData("request.host == 'absent' || response.code >= 500")]
    [InlineData("request.duration > duration('1s')")]
    public void Evaluating_a_filter_allocates_nothing(string text)
    {
        var expression = CelExpression.Parse(text, CelType.Bool);
        var attributes = new TestAttributes()
            .With("response.code", 503)
            .With("connection.mtls", true)
            .With("request.url_path", "/api/v1beta3/items")
            .With("request.useragent", "curl/8.5.0")
            .With("request.method", "GET")
            .With("request.duration", TimeSpan.FromSeconds(2))
            .Header("x-user-type", "gold");
        var expected = expression.EvaluateBool(attributes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var agreed = 0;
        for (var i = 0; i < 1000; i++)
        {
            if (expression.EvaluateBool(attributes) == expected) agreed++;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, agreed);
        Assert.Equal(0, allocated);
    }
}
