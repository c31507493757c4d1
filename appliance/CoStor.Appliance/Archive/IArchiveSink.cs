using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Archive;

/// <summary>
/// One archive format's writer, fed entries in walk order (a directory before what it holds) with names already
/// checked (<see cref="ArchiveNames"/>). <see cref="IDisposable.Dispose"/> writes the archive's end.
/// </summary>
internal interface IArchiveSink : IDisposable
{
    void Directory(string name, TreeNode node);

    /// <summary>A regular file; <paramref name="compressible"/> says whether its chunks compressed when stored.</summary>
    void File(string name, TreeNode node, FileContentStream content, bool compressible);

    /// <summary>A later name of a file already written as <paramref name="first"/>; <paramref name="content"/> opens its content again if the format must repeat it.</summary>
    void Hardlink(string name, TreeNode node, string first, Func<FileContentStream> content, bool compressible);

    void Symlink(string name, TreeNode node);

    void Fifo(string name, TreeNode node);
}
