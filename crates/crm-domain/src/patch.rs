//! PATCH bodies: "leave alone" (absent) and "clear" (null) are told apart, and a patch
//! applies itself to the record's input, which is then checked with the same rules as a
//! create. `patch!` declares both from one list of fields, so a field is named once.

use serde::{Deserialize, Deserializer};

/// For `Option<Option<T>>` fields with `#[serde(default, deserialize_with = "…field")]`:
/// absent → `None`, `null` → `Some(None)`.
pub fn field<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// `patch!(/// doc\n #[schema(example = …)] pub struct SupplierPatch for SupplierInput { name: String; contact: String, phone: String })`
/// declares the PATCH body of `SupplierInput`: the fields before `;` may be changed but
/// not cleared, those after it may also be cleared with `null`. `apply` gives the input
/// the record would have.
#[macro_export]
macro_rules! patch {
    ($(#[$meta:meta])* pub struct $name:ident for $input:ident { $($req:ident : $rty:ty),* ; $($opt:ident : $oty:ty),* $(,)? }) => {
        #[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        $(#[$meta])*
        pub struct $name {
            $(pub $req: Option<$rty>,)*
            $(
                #[serde(default, deserialize_with = "crm_domain::patch::field")]
                #[schema(value_type = Option<$oty>)]
                pub $opt: Option<Option<$oty>>,
            )*
        }

        impl $name {
            /// The input of the record with this patch applied to `current`.
            pub fn apply(self, mut current: $input) -> $input {
                $(if let Some(v) = self.$req { current.$req = v; })*
                $(if let Some(v) = self.$opt { current.$opt = v; })*
                current
            }
        }
    };
}
