crate::record_table!("roles" without created_by {
    pub name: String,
    pub description: Option<String>,
    /// A JSON array of permission codes.
    pub permissions: Json,
    pub data_scope: String,
    pub builtin: bool,
});

impl Model {
    pub fn permission_codes(&self) -> Vec<String> {
        serde_json::from_value(self.permissions.clone()).unwrap_or_default()
    }
}
