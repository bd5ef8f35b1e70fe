using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class ServiceValidatorTests
{
    private static string Svc(string spec) => Doc("v1", "Service", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "port out of range", """
            ports:
            - port: 0 # <-
            """, "spec.ports[0].port" },
        { "name required with two ports", """
            ports:
            - name: http
              port: 80
            - port: 443 # <-
            """, "spec.ports[1]" },
        { "duplicate names", """
            ports:
            - name: http
              port: 80
            - name: http # <-
              port: 8080
            """, "spec.ports[1].name" },
        { "invalid name", """
            ports:
            - name: HTTP_Web # <-
              port: 80
            """, "spec.ports[0].name" },
        { "invalid protocol", """
            ports:
            - port: 80
              protocol: HTTP # <-
            """, "spec.ports[0].protocol" },
        { "targetPort out of range", """
            ports:
            - port: 80
              targetPort: 0 # <-
            """, "spec.ports[0].targetPort" },
        { "targetPort name too long", """
            ports:
            - port: 80
              targetPort: this-name-is-too-long # <-
            """, "spec.ports[0].targetPort" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Svc(spec), path);
    }

    [Fact]
    public void Single_unnamed_port_LoadsClean() => AssertClean(Svc("selector: {app: web}\nports:\n- port: 80\n  targetPort: http"));

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Svc("""
            selector: {app: reviews}
            type: ClusterIP
            ports:
            - {name: http, port: 9080, targetPort: 9080, protocol: TCP, appProtocol: http}
            - {name: grpc-web, port: 9090, targetPort: grpc}
            - {name: dns, port: 53, protocol: UDP}
            - {name: dns-tcp, port: 53, protocol: TCP}
            """));
    }
}
