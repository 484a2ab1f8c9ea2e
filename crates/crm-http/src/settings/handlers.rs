use actix_web::{web, HttpResponse};
use crm_domain::locale::Lang;
use crm_domain::mail::{test_letter, SmtpInput};
use crm_domain::validate::Validator;
use crm_domain::DomainError;
use crm_domain::sms::SmsInput;
use crm_persistence::numbering::{self, NumberingInput, NumberingView};
use crm_persistence::settings::company::{self, CompanyProfile, CompanyView};
use crm_persistence::settings::sms::{self, SmsView};
use crm_persistence::settings::smtp::{self, SmtpView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::ReqCtx;
use crate::etag::{ok, IfMatch};
use crate::json::ValidJson;
use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

/// The SMTP server e-mail notifications leave through; the password is never shown.
#[utoipa::path(get, path = "/api/v1/settings/smtp", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = SmtpView, headers(("ETag" = String)))))]
pub async fn get_smtp(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let v = smtp::get(&state.db, &state.secrets).await?;
    let version = v.version;
    Ok(ok(&v, Some(version)))
}

/// Saves the SMTP settings (the first save turns e-mail on). The password is write-only:
/// absent keeps the stored one, `null` removes it.
#[utoipa::path(put, path = "/api/v1/settings/smtp", tag = "settings", security(("bearer" = [])), request_body = SmtpInput,
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = SmtpView, headers(("ETag" = String))),
        (status = 422, description = "a bad host, port, address or password", body = Problem)))]
pub async fn put_smtp(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<SmtpInput>) -> ApiResult<HttpResponse> {
    let v = smtp::put(&state.db, &ctx.0, &state.secrets, body.0, if_match.0).await?;
    let version = v.version;
    Ok(ok(&v, Some(version)))
}

/// Turns e-mail off: the settings are removed (the password with them) and nothing is sent
/// until they are saved again. Answers the settings as they now are (`configured` false).
#[utoipa::path(delete, path = "/api/v1/settings/smtp", tag = "settings", security(("bearer" = [])),
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = SmtpView, headers(("ETag" = String)))))]
pub async fn delete_smtp(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch) -> ApiResult<HttpResponse> {
    let v = smtp::remove(&state.db, &ctx.0, &state.secrets, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"to": "admin@example.com"}))]
pub struct SmtpTest {
    /// Where the test message goes.
    pub to: String,
}

/// What became of the test message.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"delivered": false, "error": "Connection error: Connection refused (os error 111)"}))]
pub struct SmtpTestResult {
    /// The SMTP server took the message.
    pub delivered: bool,
    /// Why not: the SMTP server's or the connection's words.
    pub error: Option<String>,
}

/// Sends a test message with the saved settings, in the caller's `Accept-Language`, and
/// says whether the SMTP server took it (a refusal is an answer here, not an error).
#[utoipa::path(post, path = "/api/v1/settings/smtp/test", tag = "settings", security(("bearer" = [])), request_body = SmtpTest,
    params(("Accept-Language" = Option<String>, Header, description = "the test message's language (zh or en)")),
    responses((status = 200, body = SmtpTestResult),
        (status = 409, description = "`smtp.not_configured`: no SMTP settings saved yet", body = Problem),
        (status = 422, description = "`to` is not an e-mail address", body = Problem)))]
pub async fn test_smtp(state: web::Data<AppState>, req: actix_web::HttpRequest, body: ValidJson<SmtpTest>) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let to = v.email("to", Some(&body.0.to)).unwrap_or_default();
    if to.is_empty() {
        v.add("to", "required", "an e-mail address");
    }
    v.finish()?;
    let lang = Lang::from_accept_language(req.headers().get("accept-language").and_then(|h| h.to_str().ok()));
    let Some(outcome) = smtp::send(&state.db, &state.secrets, &to, &test_letter(lang)).await? else {
        return Err(DomainError::conflict("smtp.not_configured", "save the SMTP settings first").into());
    };
    let result = match outcome {
        Ok(()) => SmtpTestResult { delivered: true, error: None },
        Err(e) => SmtpTestResult { delivered: false, error: Some(e) },
    };
    Ok(ok(&result, None))
}

/// The SMS gateway text-message notifications leave through; the secret is never shown.
#[utoipa::path(get, path = "/api/v1/settings/sms", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = SmsView, headers(("ETag" = String)))))]
pub async fn get_sms(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let v = sms::get(&state.db, &state.secrets).await?;
    let version = v.version;
    Ok(ok(&v, Some(version)))
}

/// Saves the gateway (the first save turns text messages on). The secret is write-only:
/// absent keeps the stored one, `null` removes it. The URL or the body must place `{{to}}`.
#[utoipa::path(put, path = "/api/v1/settings/sms", tag = "settings", security(("bearer" = [])), request_body = SmsInput,
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = SmsView, headers(("ETag" = String))),
        (status = 422, description = "a bad URL, header, template or secret", body = Problem)))]
pub async fn put_sms(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<SmsInput>) -> ApiResult<HttpResponse> {
    let v = sms::put(&state.db, &ctx.0, &state.secrets, body.0, if_match.0).await?;
    let version = v.version;
    Ok(ok(&v, Some(version)))
}

/// Turns text messages off: the settings (and the secret) are removed.
#[utoipa::path(delete, path = "/api/v1/settings/sms", tag = "settings", security(("bearer" = [])),
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = SmsView, headers(("ETag" = String)))))]
pub async fn delete_sms(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch) -> ApiResult<HttpResponse> {
    let v = sms::remove(&state.db, &ctx.0, &state.secrets, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"to": "+86 138 0013 8000"}))]
pub struct SmsTest {
    /// The phone number the test message goes to.
    pub to: String,
}

/// What became of the test message.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"delivered": false, "status": 401, "error": "the gateway answered 401: invalid api key"}))]
pub struct SmsTestResult {
    /// The gateway answered 2xx.
    pub delivered: bool,
    /// The gateway's HTTP status, when it answered.
    pub status: Option<u16>,
    /// Why not: the gateway's answer or the connection's failure.
    pub error: Option<String>,
}

/// Sends a test message with the saved settings, in the caller's `Accept-Language`, and
/// says whether the gateway took it (a refusal is an answer here, not an error).
#[utoipa::path(post, path = "/api/v1/settings/sms/test", tag = "settings", security(("bearer" = [])), request_body = SmsTest,
    params(("Accept-Language" = Option<String>, Header, description = "the test message's language (zh or en)")),
    responses((status = 200, body = SmsTestResult),
        (status = 409, description = "`sms.not_configured`: no gateway saved yet", body = Problem),
        (status = 422, description = "`to` is not a phone number", body = Problem)))]
pub async fn test_sms(state: web::Data<AppState>, req: actix_web::HttpRequest, body: ValidJson<SmsTest>) -> ApiResult<HttpResponse> {
    let mut v = Validator::new();
    let to = v.phone("to", Some(&body.0.to)).unwrap_or_default();
    if to.is_empty() {
        v.add("to", "required", "a phone number");
    }
    v.finish()?;
    let lang = Lang::from_accept_language(req.headers().get("accept-language").and_then(|h| h.to_str().ok()));
    let Some(answer) = sms::send(&state.db, &state.secrets, &to, crm_domain::sms::test_text(lang), chrono::Utc::now()).await? else {
        return Err(DomainError::conflict("sms.not_configured", "save the SMS gateway first").into());
    };
    Ok(ok(&SmsTestResult { delivered: answer.error.is_none(), status: answer.status, error: answer.error }, None))
}

/// The company's details that printed documents carry in their header (a quote's PDF).
#[utoipa::path(get, path = "/api/v1/settings/company", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = CompanyView, headers(("ETag" = String)))))]
pub async fn get_company(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let v = company::view(&state.db).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Saves the company's details; every field is replaced (absent ones become empty). A
/// quote already sent keeps the header it was sent with.
#[utoipa::path(put, path = "/api/v1/settings/company", tag = "settings", security(("bearer" = [])), request_body = CompanyProfile,
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = CompanyView, headers(("ETag" = String)))))]
pub async fn put_company(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<CompanyProfile>) -> ApiResult<HttpResponse> {
    let v = company::put(&state.db, &ctx.0, body.0, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Each kind of document's number pattern (quotes, orders, contracts, payments, invoices),
/// the default `<letters>-{yyyy}-{seq}` where none was set.
#[utoipa::path(get, path = "/api/v1/settings/numbering", tag = "settings", security(("bearer" = [])),
    responses((status = 200, body = NumberingView, headers(("ETag" = String)))))]
pub async fn get_numbering(state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let v = numbering::view(&state.db).await?;
    Ok(ok(&v, Some(v.version)))
}

/// Sets number patterns by kind (422 `invalid_pattern` naming `patterns.<kind>`, `unknown`
/// for a kind that is not numbered); `null` restores a kind's default. A new pattern applies
/// to documents made from now on; the running number counts per kind and per date the
/// pattern shows, and a number already in use is skipped.
#[utoipa::path(put, path = "/api/v1/settings/numbering", tag = "settings", security(("bearer" = [])), request_body = NumberingInput,
    params(("If-Match" = Option<String>, Header, description = "the ETag last read; a stale one answers 412")),
    responses((status = 200, body = NumberingView, headers(("ETag" = String)))))]
pub async fn put_numbering(state: web::Data<AppState>, ctx: ReqCtx, if_match: IfMatch, body: ValidJson<NumberingInput>) -> ApiResult<HttpResponse> {
    let v = numbering::put(&state.db, &ctx.0, body.0, if_match.0).await?;
    Ok(ok(&v, Some(v.version)))
}
