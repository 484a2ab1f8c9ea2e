//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use actix_web::HttpResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::{admin, contacts, customers, follow_ups, products, saved_views, sessions, suppliers, system};

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                Http::builder()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT access token, or an API token starting with crm_")
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "CRM API", version = "1.0.0",
        description = "REST API of the CRM. Base path /api/v1. Errors are application/problem+json. Lists take page, page_size (≤ 200), q and sort. Writes take If-Match; POSTs take Idempotency-Key."),
    modifiers(&Security),
    paths(
        sessions::handlers::login, sessions::handlers::refresh, sessions::handlers::logout,
        sessions::handlers::get_me, sessions::handlers::patch_me, sessions::handlers::change_password,
        sessions::handlers::list_api_tokens, sessions::handlers::create_api_token, sessions::handlers::get_api_token, sessions::handlers::revoke_api_token,
        system::handlers::list_users, system::handlers::lookup_users, system::handlers::create_user, system::handlers::get_user, system::handlers::update_user,
        system::handlers::delete_user, system::handlers::reset_password,
        system::handlers::list_departments, system::handlers::create_department, system::handlers::department_tree,
        system::handlers::get_department, system::handlers::update_department, system::handlers::delete_department,
        system::handlers::list_roles, system::handlers::create_role, system::handlers::get_role, system::handlers::update_role,
        system::handlers::delete_role, system::handlers::list_permissions,
        admin::handlers::list_audit_logs, admin::handlers::list_dictionary, admin::handlers::create_dictionary_item,
        admin::handlers::update_dictionary_item, admin::handlers::list_recycle_bin, admin::handlers::restore,
        admin::handlers::healthz, admin::handlers::readyz,
        customers::handlers::list_customers, customers::handlers::create_customer, customers::handlers::batch_customers, customers::handlers::find_duplicates,
        customers::handlers::get_customer, customers::handlers::update_customer, customers::handlers::delete_customer,
        customers::handlers::claim_customer, customers::handlers::release_customer, customers::handlers::invalidate_customer,
        customers::handlers::revalidate_customer, customers::handlers::assign_customers, customers::handlers::export_customers, customers::handlers::customer_timeline, customers::handlers::list_collaborators, customers::handlers::put_collaborators, customers::handlers::merge_customers, customers::handlers::transfer_customers,
        customers::handlers::get_pool_rules, customers::handlers::put_pool_rules, customers::handlers::apply_pool_rules,
        contacts::handlers::list_contacts, contacts::handlers::create_contact, contacts::handlers::get_contact,
        contacts::handlers::update_contact, contacts::handlers::delete_contact,
        follow_ups::handlers::list_follow_ups, follow_ups::handlers::create_follow_up, follow_ups::handlers::get_follow_up,
        follow_ups::handlers::update_follow_up, follow_ups::handlers::delete_follow_up, follow_ups::handlers::list_interactions, follow_ups::handlers::export_interactions,
        products::handlers::category_tree, products::handlers::list_categories, products::handlers::create_category,
        products::handlers::get_category, products::handlers::update_category, products::handlers::delete_category,
        products::handlers::list_products, products::handlers::export_products, products::handlers::create_product,
        products::handlers::get_product, products::handlers::update_product, products::handlers::delete_product,
        products::handlers::product_supplier_prices,
        suppliers::handlers::list_suppliers, suppliers::handlers::create_supplier, suppliers::handlers::get_supplier,
        suppliers::handlers::update_supplier, suppliers::handlers::delete_supplier, suppliers::handlers::get_prices,
        suppliers::handlers::put_prices, suppliers::handlers::get_customers, suppliers::handlers::put_customers,
        suppliers::handlers::suppliers_of_customer,
        saved_views::handlers::list_views, saved_views::handlers::create_view, saved_views::handlers::update_view,
        saved_views::handlers::delete_view,
    ),
    components(schemas(crate::problem::Problem, crate::problem::ProblemFieldError, crate::problem::ProblemDuplicate)),
    tags(
        (name = "auth", description = "Sign-in, tokens, the caller's account"),
        (name = "users", description = "用户 Users"),
        (name = "departments", description = "部门 Departments"),
        (name = "roles", description = "角色与权限 Roles and permissions"),
        (name = "customers", description = "客户 Customers and the four pools"),
        (name = "contacts", description = "联系人 Contacts"),
        (name = "follow-ups", description = "跟进记录 Follow-ups"),
        (name = "products", description = "产品与类别 Products and categories"),
        (name = "suppliers", description = "供应商 Suppliers, price lists, served customers"),
        (name = "saved-views", description = "保存的视图 Saved list views"),
        (name = "audit", description = "操作日志 Operation log"),
        (name = "dictionaries", description = "数据字典 Dictionaries"),
        (name = "recycle-bin", description = "回收站 Recycle bin"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

/// The document: the handlers' annotations, then the rules every operation shares
/// (`openapi_rules`), from the route table.
pub fn json() -> String {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
        crate::openapi_rules::apply(&mut doc, &crate::route_table());
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    })
    .clone()
}

pub async fn serve() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(json())
}
