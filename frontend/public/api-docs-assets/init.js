// Starts Swagger UI on the server's own OpenAPI document; everything is served locally.
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: true });
