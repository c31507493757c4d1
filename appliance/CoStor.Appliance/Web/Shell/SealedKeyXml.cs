using System.Xml.Linq;
using CoStor.Appliance.Catalogue;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CoStor.Appliance.Web.Shell;

/// <summary>
/// Seals the web UI's data-protection keys (which sign anti-forgery tokens) with <see cref="CatalogueSecrets"/>
/// before they are written to the data directory, so the data disk alone yields no key.
/// </summary>
public sealed class SealedKeyXmlEncryptor(CatalogueSecrets secrets) : IXmlEncryptor
{
    internal const string ElementName = "sealedKey";
    internal const string RowId = "web-data-protection";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement(ElementName, secrets.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), RowId)), typeof(SealedKeyXmlDecryptor));
}

/// <summary>Opens what <see cref="SealedKeyXmlEncryptor"/> sealed; created by data protection with the host's services.</summary>
public sealed class SealedKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<CatalogueSecrets>().Open(encryptedElement.Value, SealedKeyXmlEncryptor.RowId));
}
