using Switchboard.Proxy.Hosting;

// Before any socket exists: the socket engine reads this once, when it starts.
InlineSocketCompletions.EnableUnlessConfigured();
return await ProxyCommand.RunAsync(args);
