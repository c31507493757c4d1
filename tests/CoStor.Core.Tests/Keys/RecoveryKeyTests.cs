using CoStor.Core.Keys;

namespace CoStor.Core.Tests.Keys;

public class RecoveryKeyTests
{
    private const string Known = "000G4-0R40M-30E20-9185G-R38E1-W8124-GK2GA-HC5RR-34D1P-70X3R-FG";

    [Test]
    public async Task Prints_grouped_crockford_base32()
    {
        var key = RecoveryKey.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        await Assert.That(key.ToString()).IsEqualTo(Known);
    }

    [Test]
    [Arguments(Known)]
    [Arguments("000g4 0r40m 30e20 9185g r38e1 w8124 gk2ga hc5rr 34d1p 70x3r fg")]
    [Arguments("OOOG40R4OM3OE2O9185GR38EIW8I24GK2GAHC5RR34D1P70X3RFG")]
    [Arguments("  000G4-0R40M-30E20-9185G-R38E1-W8l24-GK2GA-HC5RR-34D1P-70X3R-FG\n")]
    public async Task Parse_is_tolerant(string text)
    {
        var key = RecoveryKey.Parse(text);
        await Assert.That(key.Bytes.SequenceEqual(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray())).IsTrue();
    }

    [Test]
    [Arguments("000G4-0R40M", "too short")]
    [Arguments(Known + "0", "too many")]
    [Arguments("U00G4-0R40M-30E20-9185G-R38E1-W8124-GK2GA-HC5RR-34D1P-70X3R-FG", "'U'")]
    [Arguments("000G4-0R40M-30E20-9185G-R38E1-W8124-GK2GA-HC5RR-34D1P-70X3R-FH", "last character")]
    public async Task Parse_rejects_bad_text_clearly(string text, string message)
    {
        await Assert.That(() => RecoveryKey.Parse(text)).Throws<FormatException>().WithMessageContaining(message);
    }

    [Test]
    public async Task Generated_keys_round_trip()
    {
        for (int i = 0; i < 50; i++)
        {
            var key = RecoveryKey.Generate();
            var text = key.ToString();
            await Assert.That(text.Length).IsEqualTo(52 + 10);
            await Assert.That(RecoveryKey.Parse(text).Bytes.SequenceEqual(key.Bytes)).IsTrue();
        }
    }
}
