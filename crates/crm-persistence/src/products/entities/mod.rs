pub mod category;
pub mod product;
pub mod supplier;
pub mod supplier_customer;
pub mod supplier_price;
