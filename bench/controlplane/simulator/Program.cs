using System.Diagnostics;
using System.Globalization;
using System.Text;
using Grpc.Net.Client;
using Switchboard.Bench.ControlPlane;
using Switchboard.Discovery;
using Switchboard.Discovery.Protocol;

// simulator generate DIR SERVICES ENDPOINTS
// simulator run DISCOVERY_URL API_URL CONTROL_PLANE_PID PROXIES SERVICES ENDPOINTS [ROUNDS]
//  1. connects PROXIES simulated proxies (one per pod, spread over every namespace), waits for their first sync;
//  2. control-plane memory per connected proxy: (RSS now − RSS before they connected) / PROXIES;
//  3. ROUNDS times: a VirtualService change, then an endpoint change (a pod moves), each applied through the
//     control plane's API; convergence is the time from sending the apply to the last proxy's ACK of the
//     changed type; CPU is the control plane's CPU seconds over that change.
if (args.Length >= 4 && args[0] == "generate")
{
    MeshGenerator.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
    return 0;
}
if (args.Length < 7 || args[0] != "run")
{
    Console.Error.WriteLine("usage: simulator generate DIR SERVICES ENDPOINTS | run DISCOVERY_URL API_URL PID PROXIES SERVICES ENDPOINTS [ROUNDS]");
    return 64;
}
var (discovery, api, pid) = (args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
var (proxies, services, endpoints) = (int.Parse(args[4], CultureInfo.InvariantCulture), int.Parse(args[5], CultureInfo.InvariantCulture), int.Parse(args[6], CultureInfo.InvariantCulture));
var rounds = args.Length > 7 ? int.Parse(args[7], CultureInfo.InvariantCulture) : 3;
var limit = TimeSpan.FromMinutes(5);

using var http = new HttpClient(new SocketsHttpHandler()) { Timeout = TimeSpan.FromMinutes(2) };
var baseRss = ProcessStats.RssBytes(pid);
using var stop = new CancellationTokenSource();

// 1. connect: a channel (one HTTP/2 connection) per 100 streams, Kestrel's default stream limit per connection.
var sims = new List<SimulatedProxy>();
var channels = new List<GrpcChannel>();
var runs = new List<Task>();
var started = Stopwatch.GetTimestamp();
for (var i = 0; i < proxies; i++)
{
    if (i % 100 == 0) channels.Add(GrpcChannel.ForAddress(discovery, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } }));
    var service = i % services;
    var sim = new SimulatedProxy(MeshGenerator.NamespaceOf(service), MeshGenerator.PodName(service, i / services % endpoints));
    sims.Add(sim);
    runs.Add(Task.Run(() => sim.RunAsync(new AggregatedDiscovery.AggregatedDiscoveryClient(channels[^1]), stop.Token)));
}
if (!await Until(() => sims.All(s => s.HasEveryType), limit)) return Fail("the first sync did not finish");
var syncSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
var initialBytes = sims.Sum(s => s.Bytes);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first sync of {proxies} proxies: {syncSeconds:F1} s, {initialBytes / 1048576.0:F0} MB sent ({initialBytes / proxies / 1024.0:F0} KB per proxy)"));

// 2. memory per proxy, once the first sync's garbage had time to go.
await Task.Delay(TimeSpan.FromSeconds(5));
var rss = ProcessStats.RssBytes(pid);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"control plane RSS: {baseRss / 1048576.0:F0} MB before, {rss / 1048576.0:F0} MB with {proxies} proxies: {(rss - baseRss) / 1024.0 / proxies:F1} KB per proxy"));

// 3. changes.
var vs = new List<double>();
var ep = new List<double>();
var vsCpu = new List<double>();
var epCpu = new List<double>();
for (var r = 1; r <= rounds; r++)
{
    var (seconds, cpu) = await Change(MeshGenerator.VirtualService(r, 90 - r * 10), ResourceTypes.Routes);
    vs.Add(seconds);
    vsCpu.Add(cpu);
    (seconds, cpu) = await Change(MeshGenerator.Pod(r, 0, MeshGenerator.Address(services * endpoints + r)), ResourceTypes.Endpoints);
    ep.Add(seconds);
    epCpu.Add(cpu);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {r}: VirtualService change converged in {vs[^1]:F2} s (control plane CPU {vsCpu[^1]:F2} s), endpoint change in {ep[^1]:F2} s (CPU {epCpu[^1]:F2} s)"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT proxies={proxies} first_sync_s={syncSeconds:F1} kb_per_proxy={(rss - baseRss) / 1024.0 / proxies:F1} vs_convergence_s={Median(vs):F2} endpoint_convergence_s={Median(ep):F2} vs_cpu_s={Median(vsCpu):F2} endpoint_cpu_s={Median(epCpu):F2}"));
await stop.CancelAsync();
await Task.WhenAll(runs);
foreach (var channel in channels) channel.Dispose();
return 0;

async Task<(double Seconds, double Cpu)> Change(string yaml, string type)
{
    var cpuBefore = ProcessStats.CpuSeconds(pid);
    var t0 = Stopwatch.GetTimestamp();
    using (var response = await http.PostAsync($"{api}/apis/apply?source=bench.yaml", new StringContent(yaml, Encoding.UTF8, "application/yaml")))
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"apply failed: {await response.Content.ReadAsStringAsync()}");
    }
    if (!await Until(() => sims.All(s => s.AckedAt(type) > t0), limit)) throw new TimeoutException($"{type} change did not reach every proxy");
    var last = sims.Max(s => s.AckedAt(type));
    // Let the control plane finish (analysis of the apply, the push's tail) before reading its CPU.
    await Task.Delay(TimeSpan.FromSeconds(3));
    return (Stopwatch.GetElapsedTime(t0, last).TotalSeconds, ProcessStats.CpuSeconds(pid) - cpuBefore);
}

static async Task<bool> Until(Func<bool> condition, TimeSpan limit)
{
    var start = Stopwatch.GetTimestamp();
    while (!condition())
    {
        if (Stopwatch.GetElapsedTime(start) > limit) return false;
        await Task.Delay(10);
    }
    return true;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static int Fail(string why)
{
    Console.Error.WriteLine($"simulator: {why}");
    return 1;
}
