using System.Buffers;
using System.Text;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Archive;

/// <summary>
/// Entry names inside archives (docs/restore-archives.md, "Names"). A name that is valid UTF-8 without control
/// characters is written as it is; each byte that is not part of valid UTF-8, and each control character (newline
/// included), is written as <c>%XX</c>: archive names are UTF-8 text in zip and in PAX records, and common readers
/// (System.Formats.Tar's among them) reject a newline inside a PAX record. In zip a backslash is also written as <c>%5C</c>, since Windows
/// extractors take it for a separator. Every name is checked again before it is written: no empty, "." or ".."
/// component, no leading '/', no NUL — trees cannot hold such names, so one means a bug or a forged tree, and the
/// archive is refused rather than let a name escape the extraction directory.
/// </summary>
public static class ArchiveNames
{
    /// <summary>One name component's archive text.</summary>
    public static string Component(ReadOnlySpan<byte> name, ArchiveFormat format)
    {
        if (!TreeNames.IsValid(name))
            throw new CorruptTreeException($"Corrupt tree: refusing archive entry name {TreeNames.Describe(name)}: not a valid tree name.");
        var text = new StringBuilder(name.Length);
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out var rune, out int consumed);
            if (status != OperationStatus.Done || Rune.IsControl(rune) || (format == ArchiveFormat.Zip && rune.Value == '\\'))
                foreach (byte b in name[..consumed])
                    text.Append('%').Append(Convert.ToHexString([b]));
            else
                text.Append(rune.ToString());
            name = name[consumed..];
        }
        return text.ToString();
    }

    /// <summary><paramref name="parent"/>/<paramref name="component"/> ("" as parent: the component alone), checked.</summary>
    public static string Join(string parent, string component) => Checked(parent.Length == 0 ? component : parent + "/" + component);

    /// <summary>Throws unless <paramref name="name"/> is a relative path of non-empty components other than "." and "..".</summary>
    public static string Checked(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\0'))
            throw new CorruptTreeException($"Corrupt tree: refusing archive entry name '{name}': empty, absolute or holding NUL");
        foreach (var part in name.Split('/'))
        {
            if (part is "" or "." or "..")
                throw new CorruptTreeException($"Corrupt tree: refusing archive entry name '{name}': it could leave the archive's root");
        }
        return name;
    }
}
