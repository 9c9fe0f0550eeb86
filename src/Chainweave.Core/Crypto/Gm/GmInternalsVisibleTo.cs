using System.Runtime.CompilerServices;

// The field, scalar and point arithmetic stay internal; their tests check them directly against BigInteger.
[assembly: InternalsVisibleTo("Chainweave.Core.Tests")]
