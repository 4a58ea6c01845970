"""Receiving an upload in memory only, and refusing it past the size limit while it arrives."""

import io

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from tracker.imports.reading import MAX_UPLOAD_BYTES


class CappedMemoryUploadHandler(FileUploadHandler):
    """Keeps the file in memory (it never touches the disk) and stops at MAX_UPLOAD_BYTES."""

    def __init__(self, request=None):
        super().__init__(request)
        self.too_large = False
        self.buffer = io.BytesIO()

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > MAX_UPLOAD_BYTES:
            self.too_large = True
            # The rest of the request body is read and dropped; the file is left out.
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            self.buffer,
            self.field_name,
            self.file_name,
            self.content_type,
            file_size,
            self.charset,
            self.content_type_extra,
        )
