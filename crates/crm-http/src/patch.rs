//! PATCH bodies tell "leave alone" (absent) from "clear" (null): a field of type
//! `Option<Option<T>>` with `#[serde(default, deserialize_with = "patch::field")]`.

use serde::{Deserialize, Deserializer};

pub fn field<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}
