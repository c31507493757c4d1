namespace CoStor.Web.Shared;

/// <summary>Unix permission bits as <c>ls -l</c> writes them (<c>rwxr-x---</c>, with s/t for set-id and sticky).</summary>
public static class Modes
{
    public static string Text(uint mode)
    {
        Span<char> text = stackalloc char[9];
        var letters = "rwxrwxrwx";
        for (var i = 0; i < 9; i++)
            text[i] = (mode & (1u << (8 - i))) != 0 ? letters[i] : '-';
        if ((mode & 0x800) != 0) text[2] = text[2] == 'x' ? 's' : 'S';
        if ((mode & 0x400) != 0) text[5] = text[5] == 'x' ? 's' : 'S';
        if ((mode & 0x200) != 0) text[8] = text[8] == 'x' ? 't' : 'T';
        return new string(text);
    }
}
