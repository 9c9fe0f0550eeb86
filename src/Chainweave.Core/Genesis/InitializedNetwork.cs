using Chainweave.Api.Config;

namespace Chainweave.Core.Genesis;

/// <summary>What <see cref="NetworkInitializer"/> wrote: the folder, its network.json and its genesis config.</summary>
public sealed record InitializedNetwork(string Dir, NetworkManifest Manifest, ChainConfig Genesis);
