//! Workplace photos: what an organization uploads is decoded (JPEG, PNG or
//! WebP, typed by its bytes, never its name), turned upright by its EXIF
//! orientation, resized to two sizes and re-encoded as JPEG. Re-encoding keeps
//! only pixels, so no EXIF survives: not the GPS position a phone writes, nor
//! the camera or the time.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};
use store::workplaces::EncodedPhoto;

/// Longest edge of the large version (the profile page on a desktop).
pub const LARGE_EDGE: u32 = 1600;
/// Longest edge of the small version (phones, and the list).
pub const SMALL_EDGE: u32 = 640;
/// Shortest side a photo may have: anything smaller is not worth showing.
pub const MIN_SIDE: u32 = 120;
/// Most pixels decoded (a phone's 48-megapixel photo passes; a decompression
/// bomb that claims more is refused before any memory is taken).
pub const MAX_PIXELS: u64 = 50_000_000;
/// JPEG quality of both versions.
const QUALITY: u8 = 82;

/// What is wrong with an uploaded photo (an i18n key).
pub type PhotoError = &'static str;

/// Width and height that fit `(width, height)` within `edge` on its longer side,
/// keeping the aspect ratio and never enlarging.
pub fn fit(width: u32, height: u32, edge: u32) -> (u32, u32) {
    let long = width.max(height);
    if long <= edge {
        return (width, height);
    }
    let scale = |side: u32| -> u32 {
        let scaled = (u64::from(side) * u64::from(edge) + u64::from(long) / 2) / u64::from(long);
        u32::try_from(scaled).unwrap_or(edge).max(1)
    };
    (scale(width), scale(height))
}

/// Decode, turn upright, resize and re-encode one upload. Blocking and
/// CPU-heavy: call it through [`accept`].
pub fn process(bytes: &[u8], max_bytes: usize) -> Result<EncodedPhoto, PhotoError> {
    if bytes.len() > max_bytes {
        return Err("workplace.photo_too_large");
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| "workplace.photo_invalid")?;
    match reader.format() {
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) => {}
        _ => return Err("workplace.photo_type"),
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    // Four bytes a pixel for the decoded image and as much again for the
    // upright and resized copies.
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err("workplace.photo_too_many_pixels");
    }
    // A broken orientation tag is no reason to refuse the photo.
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    if img.width() < MIN_SIDE || img.height() < MIN_SIDE {
        return Err("workplace.photo_too_small");
    }
    let upright = flatten(img);
    let large = resized(&upright, LARGE_EDGE);
    let small = resized(&large, SMALL_EDGE);
    Ok(EncodedPhoto {
        width: large.width(),
        height: large.height(),
        large: jpeg(&large)?,
        small: jpeg(&small)?,
    })
}

fn decode_error(e: image::ImageError) -> PhotoError {
    match e {
        image::ImageError::Limits(_) => "workplace.photo_too_many_pixels",
        _ => "workplace.photo_invalid",
    }
}

/// How many photos are decoded at once: each may take hundreds of megabytes
/// for a moment, so a burst of uploads queues instead of exhausting memory.
static DECODES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// [`process`] off the async threads, at most two at a time.
pub async fn accept(bytes: Vec<u8>, max_bytes: usize) -> Result<EncodedPhoto, PhotoError> {
    if bytes.len() > max_bytes {
        return Err("workplace.photo_too_large");
    }
    let _permit = DECODES
        .acquire()
        .await
        .map_err(|_| "workplace.photo_invalid")?;
    tokio::task::spawn_blocking(move || process(&bytes, max_bytes))
        .await
        .map_err(|_| "workplace.photo_invalid")?
}

/// The image as RGB; a transparent PNG is laid on white, as a page would show it.
fn flatten(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over = |c: u8| -> u8 {
            let (c, a) = (u16::from(c), u16::from(a));
            u8::try_from((c * a + 255 * (255 - a) + 127) / 255).unwrap_or(255)
        };
        image::Rgb([over(r), over(g), over(b)])
    })
}

fn resized(img: &RgbImage, edge: u32) -> RgbImage {
    let (w, h) = fit(img.width(), img.height(), edge);
    if (w, h) == img.dimensions() {
        return img.clone();
    }
    image::imageops::resize(img, w, h, FilterType::CatmullRom)
}

fn jpeg(img: &RgbImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(img)
        .map_err(|_| "workplace.photo_invalid")?;
    Ok(out)
}

/// Photos made in code, for the tests and the demo: no file to ship, and the
/// EXIF a phone writes, built byte by byte, to prove it does not survive.
#[doc(hidden)]
pub mod testing {
    use super::*;

    /// A JPEG of `w`×`h` whose left half is red and right half blue.
    pub fn sample_jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, _| {
            if x < w / 2 {
                image::Rgb([220, 30, 30])
            } else {
                image::Rgb([30, 30, 220])
            }
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    /// `jpeg` with an EXIF segment right after its start marker, as a phone
    /// writes it: the given orientation and a GPS position (37.79° N, 140.92° E,
    /// Sōma), with the camera's name as a string to look for afterwards.
    pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        let mut tiff: Vec<u8> = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
        // IFD0: Make, Orientation, GPS IFD pointer.
        let entries: u16 = 3;
        let ifd0_len = 2 + 12 * u32::from(entries) + 4;
        let make_at = 8 + ifd0_len;
        let make = b"SomaCam\0";
        let gps_at = make_at + make.len() as u32;
        tiff.extend(entries.to_be_bytes());
        tiff.extend([0x01, 0x0f, 0x00, 0x02]);
        tiff.extend((make.len() as u32).to_be_bytes());
        tiff.extend(make_at.to_be_bytes());
        tiff.extend([0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
        tiff.extend(orientation.to_be_bytes());
        tiff.extend([0, 0]);
        tiff.extend([0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1]);
        tiff.extend(gps_at.to_be_bytes());
        tiff.extend([0, 0, 0, 0]);
        tiff.extend(make);
        // GPS IFD: latitude ref N and longitude ref E (ASCII, inline).
        tiff.extend(2u16.to_be_bytes());
        tiff.extend([0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
        tiff.extend([0x00, 0x03, 0x00, 0x02, 0, 0, 0, 2, b'E', 0, 0, 0]);
        tiff.extend([0, 0, 0, 0]);
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let mut out = jpeg[..2].to_vec();
        out.extend([0xFF, 0xE1]);
        out.extend(u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
        out.extend(app1);
        out.extend(&jpeg[2..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{sample_jpeg, with_exif};
    use super::*;

    /// A PNG signature, header and empty first data chunk: enough for a decoder
    /// to read the size it claims.
    fn png_header(w: u32, h: u32) -> Vec<u8> {
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = !0u32;
            for &b in bytes {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = if crc & 1 == 1 {
                        (crc >> 1) ^ 0xEDB8_8320
                    } else {
                        crc >> 1
                    };
                }
            }
            !crc
        }
        let chunk = |kind: &[u8], data: &[u8]| -> Vec<u8> {
            let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
            let mut body = kind.to_vec();
            body.extend(data);
            c.extend(&body);
            c.extend(crc32(&body).to_be_bytes());
            c
        };
        let mut ihdr = w.to_be_bytes().to_vec();
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(chunk(b"IHDR", &ihdr));
        png.extend(chunk(b"IDAT", &[]));
        png
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn sizes_fit_the_longer_edge_and_never_grow() {
        assert_eq!(fit(4000, 3000, 1600), (1600, 1200));
        assert_eq!(fit(3000, 4000, 1600), (1200, 1600));
        assert_eq!(fit(1600, 900, 1600), (1600, 900));
        assert_eq!(fit(800, 600, 1600), (800, 600));
        // 1601×3 rounds to 1600×3, and a sliver keeps at least one pixel.
        assert_eq!(fit(1601, 3, 1600), (1600, 3));
        assert_eq!(fit(10_000, 1, 640), (640, 1));
    }

    #[test]
    fn a_phone_photo_loses_its_exif_and_stands_upright() {
        let original = with_exif(&sample_jpeg(400, 200), 6);
        assert!(contains(&original, b"Exif") && contains(&original, b"SomaCam"));
        let p = process(&original, 1 << 20).unwrap();
        // Orientation 6 means "turn 90° clockwise to view": 400×200 becomes 200×400.
        assert_eq!((p.width, p.height), (200, 400));
        for bytes in [&p.large, &p.small] {
            assert!(bytes.starts_with(&[0xFF, 0xD8, 0xFF]));
            assert!(!contains(bytes, b"Exif"), "EXIF survived");
            assert!(!contains(bytes, b"SomaCam"), "camera name survived");
        }
        // Turned clockwise, the red left half is now on top.
        let img = image::load_from_memory(&p.large).unwrap().into_rgb8();
        let top = img.get_pixel(100, 50).0;
        let bottom = img.get_pixel(100, 350).0;
        assert!(top[0] > 150 && top[2] < 100, "top is {top:?}");
        assert!(bottom[2] > 150 && bottom[0] < 100, "bottom is {bottom:?}");
    }

    #[test]
    fn a_large_photo_is_resized_to_both_sizes() {
        let p = process(&sample_jpeg(2400, 1800), 8 << 20).unwrap();
        assert_eq!((p.width, p.height), (1600, 1200));
        let small = image::load_from_memory(&p.small).unwrap();
        assert_eq!((small.width(), small.height()), (640, 480));
    }

    #[test]
    fn a_transparent_png_is_laid_on_white() {
        let img = image::RgbaImage::from_pixel(200, 150, image::Rgba([0, 0, 0, 0]));
        let mut png = Vec::new();
        img.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        let p = process(&png, 1 << 20).unwrap();
        let out = image::load_from_memory(&p.large).unwrap().into_rgb8();
        assert!(out.get_pixel(10, 10).0.iter().all(|&c| c > 245));
    }

    #[test]
    fn what_is_not_a_usable_photo_is_refused_with_a_reason() {
        let refused = |bytes: &[u8]| process(bytes, 1 << 20).err();
        let jpeg = sample_jpeg(400, 300);
        assert_eq!(process(&jpeg, 100).err(), Some("workplace.photo_too_large"));
        assert_eq!(
            refused(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            Some("workplace.photo_type")
        );
        assert_eq!(
            refused(b"GIF89a\x01\x00\x01\x00"),
            Some("workplace.photo_type")
        );
        // A JPEG cut before its frame header has no picture to read. (One cut
        // later decodes, grey where the bytes ran out, as a browser shows it.)
        assert_eq!(refused(&jpeg[..20]), Some("workplace.photo_invalid"));
        assert_eq!(
            refused(&sample_jpeg(300, 80)),
            Some("workplace.photo_too_small")
        );
        // A PNG that claims 10000×6000 pixels (60 million) is refused from its
        // header, before any pixel is decoded.
        assert_eq!(
            refused(&png_header(10_000, 6_000)),
            Some("workplace.photo_too_many_pixels")
        );
        assert_eq!(
            refused(&png_header(30_000, 100)),
            Some("workplace.photo_too_many_pixels")
        );
    }
}
