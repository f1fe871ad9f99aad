import Foundation

/// A small text file only its owner may read (0600 from the moment it exists), replaced whole: what the
/// program writes for an admin to open elsewhere (the Lightspeed authorize address). Failures are the
/// file errors the screens already word (`AdminFileError`).
enum OwnerOnlyFile {
    static func replace(_ path: String, with text: String) throws(AdminFileError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        fchmod(fd, 0o600)
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            unlink(temporary)
            throw .cannotWrite(path, String(describing: error))
        }
        guard rename(temporary, path) == 0 else {
            let why = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path, why)
        }
    }
}
