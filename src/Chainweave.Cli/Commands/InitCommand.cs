using System.CommandLine;
using Chainweave.Cli.Output;
using Chainweave.Core.Crypto;
using Chainweave.Core.Genesis;

namespace Chainweave.Cli.Commands;

/// <summary>`init`: writes a new network folder (organisations, identities, genesis, node homes).</summary>
internal static class InitCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("init", "Create a new network folder: organisations, identities, genesis and one home per node");
        var arguments = InitArguments.AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON" };
        command.Add(json);
        command.SetAction((result, ct) =>
        {
            var created = Initialize(arguments.Read(result, TimeProvider.System));
            Report(console, created, result.GetValue(json));
            return Task.FromResult(0);
        });
        return command;
    }

    public static InitializedNetwork Initialize(InitOptions options)
    {
        var suite = CryptoSuites.Get(options.Crypto);
        return NetworkInitializer.Create(options, suite);
    }

    public static void Report(CliConsole console, InitializedNetwork created, bool json)
    {
        var manifest = created.Manifest;
        if (json)
        {
            JsonOutput.Write(console.Out, w =>
            {
                w.WriteString("dir", created.Dir);
                w.WriteString("chainId", manifest.ChainId);
                w.WriteString("crypto", manifest.Crypto);
                w.WriteString("consensus", manifest.Consensus);
                w.WriteStartArray("nodes");
                foreach (var node in manifest.Nodes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", node.Name);
                    w.WriteString("org", node.Org);
                    w.WriteString("home", Path.Combine(created.Dir, node.Home));
                    w.WriteString("grpc", node.Grpc);
                    w.WriteString("http", node.Http);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("identities");
                foreach (var identity in manifest.Identities)
                {
                    w.WriteStringValue(identity.Name);
                }

                w.WriteEndArray();
            });
            return;
        }

        var o = console.Out;
        var orgCount = manifest.Identities.Select(i => i.Org).Distinct(StringComparer.Ordinal).Count();
        o.WriteLine($"created network {manifest.ChainId} in {created.Dir}: {orgCount} organisation(s), {manifest.Nodes.Count} node(s), {manifest.Consensus} consensus, {manifest.Crypto} crypto");
        foreach (var node in manifest.Nodes)
        {
            o.WriteLine($"  {node.Name} ({node.Org})  gRPC {node.Grpc}  HTTP {node.Http}  home {Path.Combine(created.Dir, node.Home)}");
        }

        o.WriteLine($"  identities: {string.Join(", ", manifest.Identities.Select(i => i.Name))}");
    }
}
