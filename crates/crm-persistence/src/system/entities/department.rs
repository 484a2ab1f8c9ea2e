crate::record_table!("departments" {
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub head_id: Option<Uuid>,
    pub remark: Option<String>,
    pub sort_order: i32,
});
