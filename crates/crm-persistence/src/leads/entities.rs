pub mod lead {
    crate::record_table!("leads" {
        /// `L0000001`: the lead's number for people.
        pub code: String,
        pub name: String,
        pub company: Option<String>,
        pub title: Option<String>,
        pub phone: Option<String>,
        pub mobile: Option<String>,
        pub email: Option<String>,
        pub source: Option<String>,
        /// new, contacted, qualified, unqualified or converted.
        pub status: String,
        /// None: in the lead pool.
        pub owner_id: Option<Uuid>,
        pub province: Option<String>,
        pub city: Option<String>,
        pub address: Option<String>,
        pub remark: Option<String>,
        pub converted_customer_id: Option<Uuid>,
        pub converted_contact_id: Option<Uuid>,
        pub converted_opportunity_id: Option<Uuid>,
        pub converted_at: Option<DateTimeUtc>,
        pub converted_by: Option<Uuid>,
    });
}
