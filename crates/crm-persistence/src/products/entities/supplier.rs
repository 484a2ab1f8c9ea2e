crate::record_table!("suppliers" {
    pub number: String,
    pub name: String,
    pub name_norm: String,
    pub contact: Option<String>,
    pub phone: Option<String>,
    /// GB/T 2260 code of the province or city (`crm_domain::regions`).
    pub region_code: Option<String>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub remark: Option<String>,
});
