using Switchboard.Proxy.Hosting;

return await ProxyCommand.RunAsync(args);
