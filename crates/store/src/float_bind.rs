//! Binding an optional `f64` so that PostgreSQL sees `float8` for NULL too.
//!
//! sqlx 0.8.6's Any driver turns a NULL `f64` into a NULL `f32` (its
//! `AnyValueKind::Null(Double)` arm adds `Option::<f32>::None`, and `Real` adds
//! `Option::<f64>::None`). A statement that a connection first prepared with a
//! NULL therefore has a `float4` parameter, and the same statement with a value
//! later fails: "incorrect binary data format in bind parameter". Every
//! `Option<f64>` is bound through [`OptionalFloat`] instead.

use sqlx::Database;
use sqlx::any::{Any, AnyTypeInfo};
use sqlx::encode::{Encode, IsNull};
use sqlx::error::BoxDynError;
use sqlx::types::Type;

/// An `Option<f64>` bound as `float8` whether or not it holds a value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OptionalFloat(pub Option<f64>);

impl Type<Any> for OptionalFloat {
    fn type_info() -> AnyTypeInfo {
        <f64 as Type<Any>>::type_info()
    }
}

impl<'q> Encode<'q, Any> for OptionalFloat {
    fn encode_by_ref(
        &self,
        buf: &mut <Any as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        match self.0 {
            Some(v) => <f64 as Encode<'q, Any>>::encode_by_ref(&v, buf),
            // A NULL f32 is the one that sqlx 0.8.6 sends as a NULL float8 (see
            // above); the store's tests on PostgreSQL fail if that changes.
            None => <Option<f32> as Encode<'q, Any>>::encode_by_ref(&None, buf),
        }
    }
}
