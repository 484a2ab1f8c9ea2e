// rust-embed resolves `frontend/dist` when this crate compiles: a debug build made before
// the SPA was built never serves it, even once the folder exists (the path it checks
// requests against was never canonicalised). Rebuild this crate whenever the folder
// appears or changes, so `cargo build` after `npm run build` always serves the new SPA.
fn main() {
    println!("cargo:rerun-if-changed=../../frontend/dist");
}
