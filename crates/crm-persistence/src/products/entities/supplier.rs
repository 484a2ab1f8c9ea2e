crate::record_table!("suppliers" {
    pub number: String,
    pub name: String,
    pub name_norm: String,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub remark: Option<String>,
});
