using Switchboard.Config.Source;
using static Switchboard.Config.Tests.TestSupport.ConfigYaml;

namespace Switchboard.Config.Tests.Validation;

public class DestinationRuleValidatorTests
{
    private static string Dr(string spec) => Doc("networking.istio.io/v1", "DestinationRule", spec);

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "host missing", """
            subsets: # <-
            - name: v1
            """, "spec.host is required" },
        { "invalid host", """
            host: Reviews_Svc # <-
            """, "spec.host" },
        { "duplicate subset names", """
            host: reviews
            subsets:
            - name: v1
            - name: v1 # <-
            """, "spec.subsets[1].name" },
        { "invalid subset name", """
            host: reviews
            subsets:
            - name: V1.0 # <-
            """, "spec.subsets[0].name" },
        { "invalid subset label", """
            host: reviews
            subsets:
            - name: v1
              labels:
                "-version": v1 # <-
            """, "spec.subsets[0].labels[-version]" },
        { "empty traffic policy", """
            host: reviews
            trafficPolicy: {} # <-
            """, "spec.trafficPolicy" },
        { "simple and consistentHash", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                simple: ROUND_ROBIN
                consistentHash: {useSourceIp: true} # <-
            """, "spec.trafficPolicy.loadBalancer.consistentHash" },
        { "two hash keys", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                consistentHash: # <-
                  httpHeaderName: x-user
                  useSourceIp: true
            """, "spec.trafficPolicy.loadBalancer.consistentHash" },
        { "maglev table size not prime", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  useSourceIp: true
                  maglev:
                    tableSize: 65536 # <-
            """, "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize" },
        { "maglev table size too large", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  useSourceIp: true
                  maglev:
                    tableSize: 5000011 # <-
            """, "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize" },
        { "ringHash and maglev", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  useSourceIp: true
                  ringHash: {minimumRingSize: 1024}
                  maglev: {tableSize: 65537} # <-
            """, "spec.trafficPolicy.loadBalancer.consistentHash.maglev" },
        { "cookie without name", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  httpCookie:
                    ttl: 10s # <- required fields are reported at the mapping's first key
            """, "httpCookie.name is required" },
        { "maxEjectionPercent over 100", """
            host: reviews
            trafficPolicy:
              outlierDetection:
                maxEjectionPercent: 110 # <-
            """, "spec.trafficPolicy.outlierDetection.maxEjectionPercent" },
        { "minHealthPercent negative", """
            host: reviews
            trafficPolicy:
              outlierDetection:
                minHealthPercent: -1 # <-
            """, "spec.trafficPolicy.outlierDetection.minHealthPercent" },
        { "interval below 1ms", """
            host: reviews
            trafficPolicy:
              outlierDetection:
                interval: 0s # <-
            """, "spec.trafficPolicy.outlierDetection.interval" },
        { "local origin failures without split", """
            host: reviews
            trafficPolicy:
              outlierDetection:
                consecutiveLocalOriginFailures: 3 # <-
            """, "spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures" },
        { "error code out of range", """
            host: reviews
            trafficPolicy:
              outlierDetection:
                outlierDetectionHttpErrorCodes:
                - 503
                - 600 # <-
            """, "spec.trafficPolicy.outlierDetection.outlierDetectionHttpErrorCodes[1]" },
        { "connectTimeout zero", """
            host: reviews
            trafficPolicy:
              connectionPool:
                tcp:
                  connectTimeout: 0s # <-
            """, "spec.trafficPolicy.connectionPool.tcp.connectTimeout" },
        { "connectTimeout sub-millisecond", """
            host: reviews
            trafficPolicy:
              connectionPool:
                tcp:
                  connectTimeout: 1500us # <-
            """, "spec.trafficPolicy.connectionPool.tcp.connectTimeout" },
        { "negative max connections", """
            host: reviews
            trafficPolicy:
              connectionPool:
                tcp:
                  maxConnections: -5 # <-
            """, "spec.trafficPolicy.connectionPool.tcp.maxConnections" },
        { "upgrade with client protocol", """
            host: reviews
            trafficPolicy:
              connectionPool:
                http:
                  h2UpgradePolicy: UPGRADE
                  useClientProtocol: true # <-
            """, "spec.trafficPolicy.connectionPool.http.useClientProtocol" },
        { "empty connection pool", """
            host: reviews
            trafficPolicy:
              connectionPool: {} # <-
            """, "spec.trafficPolicy.connectionPool" },
        { "port level without port", """
            host: reviews
            trafficPolicy:
              portLevelSettings:
              - loadBalancer: {simple: RANDOM} # <-
            """, "spec.trafficPolicy.portLevelSettings[0].port" },
        { "port level port out of range", """
            host: reviews
            trafficPolicy:
              portLevelSettings:
              - port:
                  number: 70000 # <-
                loadBalancer: {simple: RANDOM}
            """, "spec.trafficPolicy.portLevelSettings[0].port.number" },
        { "istio mutual with certificates", """
            host: reviews
            trafficPolicy:
              tls:
                mode: ISTIO_MUTUAL
                caCertificates: /etc/certs/ca.pem # <-
            """, "spec.trafficPolicy.tls.caCertificates" },
        { "mutual without client certificate", """
            host: reviews
            trafficPolicy:
              tls: # <- a missing field is reported at its parent
                mode: MUTUAL
                privateKey: /etc/certs/key.pem
            """, "spec.trafficPolicy.tls.clientCertificate" },
        { "credentialName with certificate files", """
            host: reviews
            trafficPolicy:
              tls:
                mode: MUTUAL
                credentialName: client-cert
                clientCertificate: /etc/certs/cert.pem # <-
            """, "spec.trafficPolicy.tls.clientCertificate" },
        { "distribute and failover", """
            host: reviews
            trafficPolicy:
              outlierDetection: {consecutive5xxErrors: 5}
              loadBalancer:
                localityLbSetting:
                  distribute:
                  - from: us-west/*
                    to: {"us-west/*": 100}
                  failover: # <-
                  - {from: us-west, to: us-east}
            """, "spec.trafficPolicy.loadBalancer.localityLbSetting.failover" },
        { "distribute and failoverPriority", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                localityLbSetting:
                  distribute:
                  - from: us-west/*
                    to: {"us-west/*": 100}
                  failoverPriority: # <-
                  - topology.istio.io/network
            """, "spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority" },
        { "failover with topology priority", """
            host: reviews
            trafficPolicy:
              outlierDetection: {consecutive5xxErrors: 5}
              loadBalancer:
                localityLbSetting:
                  failover:
                  - {from: us-west, to: us-east}
                  failoverPriority:
                  - topology.kubernetes.io/region # <-
            """, "spec.trafficPolicy.loadBalancer.localityLbSetting.failoverPriority[0]" },
        { "distribute weights not 100", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                localityLbSetting:
                  distribute:
                  - from: us-west/zone1/*
                    to: # <-
                      "us-west/zone1/*": 80
                      "us-west/zone2/*": 10
            """, "spec.trafficPolicy.loadBalancer.localityLbSetting.distribute[0].to" },
        { "failover to same region", """
            host: reviews
            trafficPolicy:
              outlierDetection: {consecutive5xxErrors: 5}
              loadBalancer:
                localityLbSetting:
                  failover:
                  - {from: us-west, to: us-west} # <-
            """, "spec.trafficPolicy.loadBalancer.localityLbSetting.failover[0]" },
        { "locality and zone aware", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                localityLbSetting: {enabled: true}
                zoneAwareLbSetting: {enabled: true} # <-
            """, "spec.trafficPolicy.loadBalancer.zoneAwareLbSetting" },
        { "warmup minimum percent", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                simple: ROUND_ROBIN
                warmup:
                  duration: 60s
                  minimumPercent: 120 # <-
            """, "spec.trafficPolicy.loadBalancer.warmup.minimumPercent" },
        { "warmup and warmupDurationSecs", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                warmupDurationSecs: 60s
                warmup: {duration: 60s} # <-
            """, "spec.trafficPolicy.loadBalancer.warmup" },
        { "tunnel protocol", """
            host: reviews
            trafficPolicy:
              tunnel:
                protocol: GET # <-
                targetHost: proxy.example.com
                targetPort: 8080
            """, "spec.trafficPolicy.tunnel.protocol" },
        { "tunnel and proxyProtocol", """
            host: reviews
            trafficPolicy:
              tunnel: {targetHost: proxy.example.com, targetPort: 8080}
              proxyProtocol: {version: V2} # <-
            """, "spec.trafficPolicy.proxyProtocol" },
        { "retry budget percent", """
            host: reviews
            trafficPolicy:
              retryBudget:
                percent: 150 # <-
            """, "spec.trafficPolicy.retryBudget.percent" },
        { "subset policy checked too", """
            host: reviews
            subsets:
            - name: v1
              trafficPolicy:
                outlierDetection:
                  maxEjectionPercent: 101 # <-
            """, "spec.subsets[0].trafficPolicy.outlierDetection.maxEjectionPercent" },
        { "workload selector exported elsewhere", """
            host: reviews
            workloadSelector:
              matchLabels: {app: frontend}
            exportTo: # <-
            - "*"
            """, "spec.exportTo" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects(string name, string spec, string path)
    {
        _ = name;
        AssertReported(Dr(spec), path);
    }

    public static TheoryData<string, string> Valid => new()
    {
        { "mutual with credentialName only", """
            host: db.example.com
            trafficPolicy:
              tls: {mode: MUTUAL, credentialName: db-client}
            """ },
        { "istio mutual alone", """
            host: reviews
            trafficPolicy:
              tls: {mode: ISTIO_MUTUAL}
            """ },
        { "failover with network priority", """
            host: reviews
            trafficPolicy:
              outlierDetection: {consecutive5xxErrors: 5}
              loadBalancer:
                localityLbSetting:
                  failover:
                  - {from: us-west, to: us-east}
                  failoverPriority: [topology.istio.io/network]
            """ },
        { "prime maglev table and idle timeout 0s", """
            host: reviews
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  httpCookie: {name: session, ttl: 0s}
                  maglev: {tableSize: 65537}
              connectionPool:
                tcp: {idleTimeout: 0s}
            """ },
        { "workload selector exported to own namespace", """
            host: reviews
            workloadSelector:
              matchLabels: {app: frontend}
            exportTo: ["."]
            trafficPolicy:
              tls: {mode: SIMPLE, credentialName: egress-ca}
            """ },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Accepts(string name, string spec)
    {
        _ = name;
        AssertClean(Dr(spec));
    }

    [Theory]
    [InlineData("loadBalancer:\n    simple: LEAST_CONN # <-", "spec.trafficPolicy.loadBalancer.simple")]
    [InlineData("outlierDetection:\n    consecutiveErrors: 5 # <-", "spec.trafficPolicy.outlierDetection.consecutiveErrors")]
    [InlineData("loadBalancer:\n    warmupDurationSecs: 30s # <-", "spec.trafficPolicy.loadBalancer.warmupDurationSecs")]
    [InlineData("loadBalancer:\n    consistentHash:\n      useSourceIp: true\n      minimumRingSize: 2048 # <-", "spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize")]
    public void Deprecated_fields_are_reported(string policy, string path)
    {
        AssertReported(Dr($"host: reviews\ntrafficPolicy:\n  {policy}"), path, ProblemKind.Deprecated);
    }

    [Theory]
    [InlineData(4096, false)]
    [InlineData(4097, true)]
    public void PortLevelSettings_are_limited_to_4096(int count, bool rejected)
    {
        var ports = string.Concat(Enumerable.Range(1, count).Select(p => $"\n  - {{port: {{number: {p}}}, tls: {{mode: ISTIO_MUTUAL}}}}"));
        var yaml = Dr($"host: reviews\ntrafficPolicy:\n  portLevelSettings: # <-{ports}");
        if (rejected) AssertReported(yaml, "spec.trafficPolicy.portLevelSettings");
        else AssertClean(yaml.Replace(" # <-", "", StringComparison.Ordinal));
    }

    [Fact]
    public void CompleteExample_LoadsClean()
    {
        AssertClean(Dr("""
            host: reviews.prod.svc.cluster.local
            exportTo: [".", istio-system]
            trafficPolicy:
              loadBalancer:
                simple: LEAST_REQUEST
                localityLbSetting:
                  enabled: true
                  distribute:
                  - from: us-west/zone1/*
                    to:
                      "us-west/zone1/*": 80
                      "us-west/zone2/*": 20
                warmup:
                  duration: 60s
                  minimumPercent: 10
                  aggression: 1.5
              connectionPool:
                tcp:
                  maxConnections: 100
                  connectTimeout: 30ms
                  tcpKeepalive: {probes: 9, time: 7200s, interval: 75s}
                  maxConnectionDuration: 1h
                  idleTimeout: 30m
                http:
                  http1MaxPendingRequests: 1024
                  http2MaxRequests: 1000
                  maxRequestsPerConnection: 10
                  maxRetries: 3
                  idleTimeout: 5m
                  h2UpgradePolicy: DO_NOT_UPGRADE
                  useClientProtocol: false
                  maxConcurrentStreams: 100
                  http2KeepAlive: {interval: 30s, timeout: 5s}
              outlierDetection:
                consecutive5xxErrors: 7
                consecutiveGatewayErrors: 5
                splitExternalLocalOriginErrors: true
                consecutiveLocalOriginFailures: 3
                interval: 5m
                baseEjectionTime: 15m
                maxEjectionPercent: 50
                minHealthPercent: 20
                outlierDetectionHttpErrorCodes: [500, 503, 429]
              tls:
                mode: SIMPLE
                caCertificates: /etc/certs/ca.pem
                subjectAltNames: [reviews.example.com]
                sni: reviews.example.com
                insecureSkipVerify: false
                caCrl: /etc/certs/ca.crl
              portLevelSettings:
              - port: {number: 9080}
                loadBalancer:
                  consistentHash:
                    httpCookie:
                      name: user
                      path: /
                      ttl: 0s
                      attributes:
                      - {name: SameSite, value: Strict}
                      - {name: Secure}
                    ringHash: {minimumRingSize: 1024}
                connectionPool:
                  http: {http2MaxRequests: 500}
                outlierDetection: {consecutive5xxErrors: 3}
                tls:
                  mode: MUTUAL
                  clientCertificate: /etc/certs/cert.pem
                  privateKey: /etc/certs/key.pem
              - port: {number: 9090}
                loadBalancer:
                  consistentHash:
                    httpQueryParameterName: user
                    maglev: {tableSize: 65537}
              retryBudget:
                percent: 20
                minRetryConcurrency: 3
                budgetInterval: 10s
            subsets:
            - name: v1
              labels: {version: v1, app.kubernetes.io/part-of: bookinfo}
              trafficPolicy:
                loadBalancer:
                  simple: ROUND_ROBIN
                  zoneAwareLbSetting:
                    enabled: true
                    failover: [{from: us-west, to: us-east}]
                    failoverPriority: [topology.istio.io/network]
                    minClusterSize: 6
                outlierDetection: {consecutive5xxErrors: 5}
            - name: v2
              labels: {version: v2}
              trafficPolicy:
                tunnel: {protocol: CONNECT, targetHost: 10.0.0.5, targetPort: 8443}
            - name: v3
              labels: {version: v3}
              trafficPolicy:
                proxyProtocol: {version: V2}
                loadBalancer:
                  consistentHash: {httpHeaderName: x-user}
            """));
    }
}
