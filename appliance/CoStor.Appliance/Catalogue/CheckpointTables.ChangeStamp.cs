using System.Security.Cryptography;

namespace CoStor.Appliance.Catalogue;

public static partial class CheckpointTables
{
    /// <summary>
    /// A cheap fingerprint of what a checkpoint holds, to skip writing one when nothing changed: counts and highest row
    /// ids of snapshots and sealed packs (rows are only added), the number of retention decisions (never removed), and
    /// the small tables (agents but their last contact, groups, users, grants) in full. An agent's last contact alone
    /// does not make a new checkpoint.
    /// </summary>
    public static byte[] ChangeStamp(CatalogueDatabase database)
    {
        using var connection = database.Connect();
        using var command = connection.Command(
            "SELECT (SELECT count(*) || ':' || coalesce(max(rowid), 0) FROM snapshots) || '|' || " +
            "(SELECT count(*) || ':' || coalesce(max(id), 0) FROM packs WHERE state = $sealed) || '|' || " +
            "(SELECT coalesce(group_concat(id || ',' || name || ',' || host || ',' || coalesce(revoked_at, '') || ',' || coalesce(group_id, '') || ',' || expected_interval_minutes, ';'), '') FROM agents) || '|' || " +
            "(SELECT coalesce(group_concat(id || ',' || name, ';'), '') FROM agent_groups) || '|' || " +
            "(SELECT coalesce(group_concat(name || ',' || role || ',' || password_hash || ',' || coalesce(disabled_at, ''), ';'), '') FROM users) || '|' || " +
            "(SELECT coalesce(group_concat(user_name || ',' || agent_id, ';'), '') FROM user_agent_grants) || '|' || " +
            "(SELECT coalesce(group_concat(user_name || ',' || group_id, ';'), '') FROM user_group_grants) || '|' || " +
            "(SELECT count(*) FROM retired_packs)")
            .With("$sealed", PackState.Sealed.ToColumn());
        return SHA256.HashData(System.Text.Encoding.UTF8.GetBytes((string)command.ExecuteScalar()!));
    }
}
