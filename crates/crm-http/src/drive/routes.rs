use crm_domain::permissions::{perms, Access};
use crm_persistence::drive::files::Files;
use crm_persistence::drive::folders::Folders;
use crm_persistence::kit;

use super::handlers::*;
use super::upload::*;
use crate::guard::Routes;

/// The permission opens the route; who may see or change which folder or file is the
/// drive's own rule (`crm_persistence::drive::access`).
pub fn mount(r: &mut Routes) {
    use Access::Perm as P;
    r.op(P(perms::FILES_READ), list_folders, __path_list_folders)
        .sorted_by(kit::sort_names::<Folders>)
        .op(P(perms::FILES_CREATE), create_folder, __path_create_folder)
        .op(P(perms::FILES_CREATE), batch_folders, __path_batch_folders)
        .op(P(perms::FILES_READ), get_folder, __path_get_folder)
        .op(P(perms::FILES_UPDATE), update_folder, __path_update_folder)
        .op(P(perms::FILES_DELETE), delete_folder, __path_delete_folder)
        .op(P(perms::FILES_READ), get_folder_shares, __path_get_folder_shares)
        .op(P(perms::FILES_SHARE), put_folder_shares, __path_put_folder_shares)
        .op(P(perms::FILES_READ), list_files, __path_list_files)
        .sorted_by(kit::sort_names::<Files>)
        .op(P(perms::FILES_CREATE), upload_file, __path_upload_file)
        .op(P(perms::FILES_READ), get_file, __path_get_file)
        .op(P(perms::FILES_UPDATE), update_file, __path_update_file)
        .op(P(perms::FILES_DELETE), delete_file, __path_delete_file)
        .op(P(perms::FILES_READ), file_content, __path_file_content)
        .op(P(perms::FILES_READ), file_link, __path_file_link)
        .op(Access::Public, signed_download, __path_signed_download)
        .op(P(perms::FILES_READ), get_file_shares, __path_get_file_shares)
        .op(P(perms::FILES_SHARE), put_file_shares, __path_put_file_shares)
        .op(P(perms::FILES_READ), get_quota, __path_get_quota)
        .op(P(perms::FILES_READ), list_trash, __path_list_trash)
        .op(P(perms::FILES_DELETE), restore_file, __path_restore_file)
        .op(P(perms::FILES_DELETE), restore_folder, __path_restore_folder)
        .op(P(perms::SETTINGS_READ), get_drive_settings, __path_get_drive_settings)
        .op(P(perms::SETTINGS_UPDATE), put_drive_settings, __path_put_drive_settings);
}
