using System.Text;
using System.Xml.Linq;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CoStor.Appliance.Web.Shell;

/// <summary>
/// Where the web UI's data-protection keys (which sign anti-forgery tokens) live: one file per key in
/// <c>web-keys/</c>, each sealed whole with <see cref="CatalogueSecrets"/>, so the data disk alone yields no key.
/// Sealing the repository rather than plugging in an XML encryptor: data protection creates decryptors by type with a
/// parameterless constructor, which could not reach the keyring in a native-AOT build. Files are written durably
/// (temp, fsync, rename) and 0600.
/// </summary>
public sealed class SealedKeyRepository(string directory, CatalogueSecrets secrets) : IXmlRepository
{
    private const string Extension = ".sealed";
    private const string RowId = "web-data-protection";

    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. Directory.EnumerateFiles(directory, "*" + Extension).Order(StringComparer.Ordinal)
            .Select(file => XElement.Parse(secrets.Open(File.ReadAllText(file, Encoding.ASCII), RowId)))];

    public void StoreElement(XElement element, string friendlyName)
    {
        var name = new string([.. friendlyName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_')]);
        var sealedText = secrets.Seal(element.ToString(SaveOptions.DisableFormatting), RowId);
        DurableFile.WriteAllBytes(Path.Combine(directory, name + Extension), Encoding.ASCII.GetBytes(sealedText), UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
