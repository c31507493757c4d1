namespace CoStor.Appliance.Archive;

/// <summary>Restore archives for the web UI (<see cref="RestoreArchive"/>); needs <c>AddBrowse()</c>.</summary>
public static class ArchiveSetup
{
    public static IServiceCollection AddRestoreArchives(this IServiceCollection services) => services.AddSingleton<RestoreArchive>();
}
