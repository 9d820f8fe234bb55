package io.postline.posting.api;

import io.postline.posting.config.PostingProperties;
import io.postline.posting.delivery.PostingFileDelivery;
import io.postline.posting.store.PostingFiles;
import io.postline.posting.store.PostingFiles.FileSummary;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Posting files of batch sources: list, download, and close a source's window now (docs/posting-file.md). */
@RestController
@RequestMapping("/v1/posting-files")
public class PostingFileController {
    private final PostingFiles files;
    private final PostingFileDelivery delivery;
    private final PostingProperties properties;

    public PostingFileController(PostingFiles files, PostingFileDelivery delivery, PostingProperties properties) {
        this.files = files;
        this.delivery = delivery;
        this.properties = properties;
    }

    public record CloseWindow(@NotBlank String sourceId) {
    }

    @GetMapping
    public List<FileSummary> list(@RequestParam(defaultValue = "100") int limit) {
        return files.list(Math.max(1, Math.min(limit, 1000)));
    }

    @GetMapping(value = "/{fileId}", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> content(@PathVariable UUID fileId) {
        return files.content(fileId).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    /** Closes the source's window now; 201 with the file, or 204 when the window holds no records. */
    @PostMapping
    public ResponseEntity<?> close(@Valid @RequestBody CloseWindow request,
                                   @RequestHeader(value = "X-Changed-By", defaultValue = "operator") String by) {
        if (properties.bankInput().isRealtime(request.sourceId())) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "this source is delivered in real time (or not configured); only batch sources have windows");
            problem.setTitle("Not a batch source");
            return ResponseEntity.unprocessableContent().body(problem);
        }
        return delivery.close(request.sourceId(), by).<ResponseEntity<?>>map(f -> ResponseEntity
                        .created(URI.create("/v1/posting-files/" + f.fileId())).body(f))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }
}
