crate::record_table!("products" {
    pub code: String,
    pub name: String,
    pub name_norm: String,
    pub category_id: Uuid,
    pub unit: Option<String>,
    /// The price in minor units (分).
    pub price_cents: i64,
    pub currency: String,
    pub description: Option<String>,
    pub on_sale: bool,
});
