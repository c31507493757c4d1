using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CoStor.Architecture.Tests;

/// <summary>
/// Assembly references as compiled into metadata (the AssemblyRef table), read from the dll files next to
/// this test binary without loading them. The compiler records only references that code actually uses, so
/// this sees real dependencies, not declared ones. References are followed transitively through every
/// assembly present in the folder (ours and packages'); framework assemblies are leaves.
/// </summary>
internal static class AssemblyGraph
{
    private static readonly string Directory = AppContext.BaseDirectory;

    public static IReadOnlyList<string> DirectReferences(string assemblyName)
    {
        var path = PathOf(assemblyName)
            ?? throw new FileNotFoundException($"{assemblyName}.dll is not in {Directory}; is it referenced by the test project?");
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
    }

    /// <summary>Every reference chain from <paramref name="root"/> to an assembly matching <paramref name="forbidden"/>.</summary>
    public static IReadOnlyList<string> ChainsTo(string root, Func<string, bool> forbidden)
    {
        var parent = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [root] = null };
        var queue = new Queue<string>([root]);
        var chains = new List<string>();
        while (queue.TryDequeue(out var current))
        {
            if (current != root && PathOf(current) is null)
            {
                continue; // framework assembly: a leaf
            }

            foreach (var reference in DirectReferences(current))
            {
                if (!parent.TryAdd(reference, current))
                {
                    continue;
                }

                if (forbidden(reference))
                {
                    chains.Add(Chain(parent, reference));
                }

                queue.Enqueue(reference);
            }
        }

        return chains;
    }

    private static string Chain(Dictionary<string, string?> parent, string last)
    {
        var names = new List<string>();
        for (string? name = last; name is not null; name = parent[name])
        {
            names.Add(name);
        }

        names.Reverse();
        return string.Join(" -> ", names);
    }

    private static string? PathOf(string assemblyName)
    {
        var path = Path.Combine(Directory, assemblyName + ".dll");
        return File.Exists(path) ? path : null;
    }
}
