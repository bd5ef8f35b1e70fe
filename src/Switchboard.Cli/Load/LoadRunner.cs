namespace Switchboard.Cli.Load;

/// <summary>
/// Sends a run's requests at a steady rate and tallies what comes back:
/// 1. request i waits for its due time (<see cref="RequestSchedule"/>), then for one of <see cref="LoadOptions.Concurrency"/>
///    slots, and is sent without waiting for earlier ones to finish;
/// 2. each is answered (status, first line of the body, latency), fails, or times out after <see cref="LoadOptions.Timeout"/>;
/// 3. after the last is sent, the run waits for every slot to come back, so the report covers every request sent, and
///    for the end of the last request's slot, so the achieved rate is measured over the whole schedule.
/// Cancellation (Ctrl-C) stops sending, abandons what is in flight and still reports what completed.
/// The client is shared by every request (one connection pool); time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class LoadRunner(HttpClient client, TimeProvider time)
{
    public async Task<LoadReport> RunAsync(LoadOptions options, CancellationToken token)
    {
        var schedule = new RequestSchedule(options.Rps, options.Requests);
        var tally = new LoadTally();
        using var slots = new SemaphoreSlim(options.Concurrency);
        var start = time.GetTimestamp();
        var stopped = false;
        try
        {
            for (long i = 0; i < schedule.Count; i++)
            {
                var wait = schedule.DueAt(i) - time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, token);
                await slots.WaitAsync(token);
                _ = SendAsync(options, tally, slots, token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            stopped = true;
        }
        // Every slot back means every request sent has been tallied (or abandoned on cancellation).
        for (var i = 0; i < options.Concurrency; i++) await slots.WaitAsync(CancellationToken.None);
        // The run lasts its whole schedule: the last request owns the slot [due, due + 1/rps). Reporting as soon as it is
        // answered would divide by less than the time the requests were spread over, and claim more than the target rate.
        var rest = schedule.DueAt(schedule.Count) - time.GetElapsedTime(start);
        if (!stopped && rest > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(rest, time, token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C in the last slot: everything was sent and answered; report now.
            }
        }
        return tally.Report(options, time.GetElapsedTime(start), stopped);
    }

    private async Task SendAsync(LoadOptions options, LoadTally tally, SemaphoreSlim slots, CancellationToken token)
    {
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(options.Method, options.Url);
            foreach (var (name, value) in options.Headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var firstLine = await ResponseKey.ReadFirstLineAsync(response.Content, linked.Token);
            tally.Answered((int)response.StatusCode, ResponseKey.Of(firstLine), time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped by the user: neither an answer nor a failure of the target.
        }
        catch (OperationCanceledException)
        {
            tally.Failed(LoadTally.Timeout, $"no answer within {options.Timeout.TotalMilliseconds:0}ms");
        }
        catch (HttpRequestException ex)
        {
            tally.Failed(LoadTally.Error, ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString());
        }
        catch (IOException ex)
        {
            // The body broke off after the headers (a reset mid-answer).
            tally.Failed(LoadTally.Error, ex.Message);
        }
        finally
        {
            slots.Release();
        }
    }
}
