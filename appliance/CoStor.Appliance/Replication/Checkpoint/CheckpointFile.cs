using System.Text.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;
using CoStor.Core.Blobs;

namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// Writes a site's checkpoint (the <see cref="CheckpointCodec"/> format) without holding its content in memory: the
/// content's JSON is streamed from the catalogue into a temporary file beside the checkpoint
/// (<see cref="CheckpointTables.WriteJson"/>), compressed from there into a second one (<see cref="PayloadStream"/>),
/// and only the compressed payload is read back, into the one buffer <see cref="CheckpointCodec.Seal"/> encrypts and
/// signs in place. Peak memory is about the compressed size, whatever the number of blobs. The temporary files are
/// 0600 (the JSON is the catalogue in the clear, as catalogue.db is) and deleted on return, written or not.
/// </summary>
public static class CheckpointFile
{
    /// <summary>Writes checkpoint <paramref name="sequence"/> of <paramref name="site"/> durably at <paramref name="path"/>; returns its size.</summary>
    public static long Write(CatalogueDatabase database, SiteContext site, long sequence, DateTimeOffset createdAt, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var json = path + ".json.tmp";
        var payload = path + ".payload.tmp";
        try
        {
            using (var file = Create(json))
                WriteJson(database, site, sequence, createdAt, file);
            long payloadLength;
            using (var source = File.OpenRead(json))
            using (var target = Create(payload))
                payloadLength = PayloadStream.Encode(source, source.Length, target);
            File.Delete(json);
            var sealedCheckpoint = CheckpointCodec.Seal(sequence, payloadLength, slot =>
            {
                using var source = File.OpenRead(payload);
                source.ReadExactly(slot);
            }, site.Keys.Keyring, bytes => site.Authority.Sign(bytes));
            // World-readable like keyring.recovery: it is ciphertext, served to peers as it is.
            DurableFile.WriteAllBytes(path, sealedCheckpoint.Span,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            return sealedCheckpoint.Length;
        }
        finally
        {
            File.Delete(json);
            File.Delete(payload);
        }
    }

    /// <summary>The content's JSON as <see cref="CheckpointJsonContext"/> reads it into a <see cref="CheckpointContent"/>.</summary>
    public static void WriteJson(CatalogueDatabase database, SiteContext site, long sequence, DateTimeOffset createdAt, Stream output)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteNumber("version", CheckpointContent.CurrentVersion);
        json.WriteString("site", site.Keys.SiteName);
        json.WriteNumber("sequence", sequence);
        json.WriteString("createdAt", createdAt);
        CheckpointTables.WriteJson(database, json);
        json.WriteStartArray("peers");
        foreach (var peer in site.Config.Peers)
            JsonSerializer.Serialize(json, new CheckpointPeer(peer.Name, peer.Url.ToString(), peer.Fingerprint), CheckpointJsonContext.Default.CheckpointPeer);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static FileStream Create(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Create, Access = FileAccess.ReadWrite, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
    });
}
