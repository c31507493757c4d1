// Single-thread cost of the agent's per-chunk work on a corpus (hot page cache, no network, no appliance):
//   chunk  = read + FastCDC (min 256 KiB / avg 1 MiB / max 4 MiB)
//   encode = chunk + Payload.Encode (zstd level 1, raw kept when not smaller)
//   decode = encode + Payload.Decode of the result (restore's decompression, timed together with encode)
//   full   = encode + SHA-256(payload) + AES-256-GCM + SHA-256(blob): all the agent's CPU work except upload
// usage: costor-bench-stages CORPUS [stage...]
// prints: stage wall_s cpu_s MB/s-per-CPU-second out_bytes (CPU time, since the machine may be shared)
using System.Diagnostics;
using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Chunking;

var corpus = args[0];
var stages = args.Length > 1 ? args[1..] : ["chunk", "encode", "decode", "full"];
var files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
var cdc = new FastCdc(GearTable.FromSeed(new byte[32]), ChunkerParameters.Default);
var max = ChunkerParameters.Default.Max;
var chunkBuffer = new byte[2 * max];
var payload = new byte[Payload.MaxEncodedLength(max)];
var blob = new byte[payload.Length + BlobCipher.Overhead];
var hash = new byte[32];
var key = BlobKey.Read(new byte[32]);
var plain = new byte[max];
foreach (var stage in stages)
{
    long bytesIn = 0, bytesOut = 0;
    var clock = Stopwatch.StartNew();
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    foreach (var path in files)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var chunker = new StreamChunker(stream, cdc, chunkBuffer);
        while (chunker.TryNext(out var chunk))
        {
            bytesIn += chunk.Length;
            var length = chunk.Length;
            switch (stage)
            {
                case "chunk":
                    break;
                default:
                    length = Payload.Encode(chunk.Span, payload);
                    break;
            }
            if (stage == "decode")
            {
                Payload.Decode(payload.AsSpan(0, length), plain);
            }
            if (stage == "full")
            {
                SHA256.HashData(payload.AsSpan(0, length), hash);
                BlobCipher.Encrypt(key, payload.AsSpan(0, length), blob.AsSpan(0, length + BlobCipher.Overhead));
                SHA256.HashData(blob.AsSpan(0, length + BlobCipher.Overhead), hash);
            }
            bytesOut += length;
        }
    }
    var seconds = clock.Elapsed.TotalSeconds;
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    Console.WriteLine($"{stage} {seconds:F2} {cpu:F2} {bytesIn / cpu / 1e6:F0} {bytesOut}");
}
