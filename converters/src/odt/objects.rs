//! Embedded OLE objects: `draw:object-ole` (ODF 1.3 Part 3 §10.4.6.3) naming the object's
//! compound file, followed by a `draw:image` (§10.4.4) of its preview: a frame's further children
//! are alternative representations of its content (§10.4), and the picture is what a consumer
//! without a program for the object shows. Files are named and stored as LibreOffice stores
//! them: the object as `ObjN` in the package root, its preview as `ObjectReplacements/ObjN`.

use crate::odf::{OdfPackage, XmlWriter};
use crate::text::{EmbeddedObject, TextDocument};

/// The manifest media type LibreOffice gives an OLE object's compound file.
pub const OLE_MEDIA_TYPE: &str = "application/vnd.sun.star.oleobject";

/// The package path of object `i` of `TextDocument::objects`.
fn path(i: usize) -> String {
    format!("Obj{}", i + 1)
}

fn replacement(i: usize) -> String {
    format!("ObjectReplacements/{}", path(i))
}

/// The frame's graphic properties for an object: how it is drawn (ODF 1.3 Part 3 graphic
/// property draw:ole-draw-aspect, with OLE's DVASPECT values: 1 its content, 4 its icon), as
/// LibreOffice writes it from the source's DrawAspect.
pub fn look(object: &EmbeddedObject) -> [(&'static str, String); 1] {
    let aspect = if object.as_icon { "4" } else { "1" };
    [("draw:ole-draw-aspect", aspect.to_string())]
}

/// The content of object `i`'s frame.
pub fn write(x: &mut XmlWriter, i: usize, object: &EmbeddedObject) {
    let link = |href: String| {
        [
            ("xlink:href", format!("./{href}")),
            ("xlink:type", "simple".into()),
            ("xlink:show", "embed".into()),
            ("xlink:actuate", "onLoad".into()),
        ]
    };
    x.empty_owned("draw:object-ole", &link(path(i)));
    if object.preview.is_some() {
        x.empty_owned("draw:image", &link(replacement(i)));
    }
}

/// Puts every object and its preview into the package, with their manifest entries.
pub fn add_all(pkg: &mut OdfPackage, doc: &TextDocument) {
    for (i, object) in doc.objects.iter().enumerate() {
        pkg.add(path(i), OLE_MEDIA_TYPE, object.data.clone());
        if let Some(p) = &object.preview {
            pkg.add(replacement(i), p.media_type, p.data.clone());
        }
    }
}
