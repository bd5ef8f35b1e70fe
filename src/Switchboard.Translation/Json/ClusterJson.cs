using System.Text.Json;
using Switchboard.Translation.ProxyConfig;

namespace Switchboard.Translation.Json;

/// <summary>Writes clusters (with their resolved policies) and their endpoints.</summary>
internal static class ClusterJson
{
    public static void WriteCluster(Utf8JsonWriter w, Cluster cluster)
    {
        w.WriteStartObject();
        w.WriteString("name", cluster.Name);
        w.WriteString("host", cluster.Host);
        w.WriteNumber("port", cluster.Port);
        if (cluster.Subset.Length > 0) w.WriteString("subset", cluster.Subset);
        JsonParts.String(w, "protocol", cluster.Protocol);
        JsonParts.Enum(w, "discovery", (ClusterDiscovery?)cluster.Discovery);
        JsonParts.String(w, "destinationRule", cluster.DestinationRule);
        WriteLoadBalancer(w, cluster.LoadBalancer);
        WritePool(w, cluster.ConnectionPool);
        if (cluster.Outlier is { } outlier) WriteOutlier(w, outlier);
        if (cluster.Tls is { } tls) WriteTls(w, tls);
        w.WriteEndObject();
    }

    public static void WriteEndpoints(Utf8JsonWriter w, ClusterEndpoints endpoints)
    {
        w.WriteStartObject();
        w.WriteString("cluster", endpoints.Cluster);
        JsonParts.List(w, "endpoints", endpoints.Endpoints, WriteEndpoint);
        w.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter w, Endpoint endpoint)
    {
        w.WriteStartObject();
        w.WriteString("address", endpoint.Address);
        w.WriteNumber("port", endpoint.Port);
        JsonParts.Map(w, "labels", endpoint.Labels);
        JsonParts.String(w, "serviceAccount", endpoint.ServiceAccount);
        w.WriteNumber("weight", endpoint.Weight);
        JsonParts.String(w, "workload", endpoint.Workload);
        JsonParts.String(w, "identity", endpoint.Identity);
        w.WriteEndObject();
    }

    private static void WriteLoadBalancer(Utf8JsonWriter w, LoadBalancing lb)
    {
        w.WriteStartObject("loadBalancer");
        JsonParts.Enum(w, "algorithm", (LbAlgorithm?)lb.Algorithm);
        JsonParts.String(w, "hashKey", lb.HashKey);
        JsonParts.Duration(w, "cookieTtl", lb.CookieTtl);
        JsonParts.String(w, "cookiePath", lb.CookiePath);
        JsonParts.Enum(w, "hashAlgorithm", lb.HashAlgorithm);
        JsonParts.Number(w, "hashTableSize", lb.HashTableSize);
        w.WriteEndObject();
    }

    private static void WritePool(Utf8JsonWriter w, ConnectionPool pool)
    {
        w.WriteStartObject("connectionPool");
        w.WriteNumber("maxConnections", pool.MaxConnections);
        JsonParts.Duration(w, "connectTimeout", pool.ConnectTimeout);
        w.WriteNumber("maxPendingRequests", pool.MaxPendingRequests);
        w.WriteNumber("maxRequests", pool.MaxRequests);
        w.WriteNumber("maxRequestsPerConnection", pool.MaxRequestsPerConnection);
        w.WriteNumber("maxRetries", pool.MaxRetries);
        JsonParts.Duration(w, "idleTimeout", pool.IdleTimeout);
        w.WriteEndObject();
    }

    private static void WriteOutlier(Utf8JsonWriter w, OutlierPolicy outlier)
    {
        w.WriteStartObject("outlier");
        w.WriteNumber("consecutive5xxErrors", outlier.Consecutive5xxErrors);
        w.WriteNumber("consecutiveGatewayErrors", outlier.ConsecutiveGatewayErrors);
        JsonParts.Duration(w, "interval", outlier.Interval);
        JsonParts.Duration(w, "baseEjectionTime", outlier.BaseEjectionTime);
        w.WriteNumber("maxEjectionPercent", outlier.MaxEjectionPercent);
        w.WriteNumber("minHealthPercent", outlier.MinHealthPercent);
        w.WriteEndObject();
    }

    private static void WriteTls(Utf8JsonWriter w, UpstreamTls tls)
    {
        w.WriteStartObject("tls");
        JsonParts.Enum(w, "mode", (UpstreamTlsMode?)tls.Mode);
        JsonParts.String(w, "clientCertificate", tls.ClientCertificate);
        JsonParts.String(w, "privateKey", tls.PrivateKey);
        JsonParts.String(w, "caCertificates", tls.CaCertificates);
        JsonParts.String(w, "credentialName", tls.CredentialName);
        JsonParts.Strings(w, "subjectAltNames", tls.SubjectAltNames);
        JsonParts.String(w, "sni", tls.Sni);
        JsonParts.Flag(w, "insecureSkipVerify", tls.InsecureSkipVerify);
        w.WriteEndObject();
    }
}
