# syntax=docker/dockerfile:1
# Build stage: a static binary (cgo for SQLite, linked with -static) so the
# final image needs nothing but the binary.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# cmd/mockserver/binary_test.go runs this exact line (with its own output path).
RUN CGO_ENABLED=1 go build -tags sqlite_omit_load_extension,osusergo,netgo -trimpath -ldflags '-s -w -extldflags -static' -o /out/mockserver ./cmd/mockserver
RUN mkdir -p /out/data

FROM scratch
COPY --from=build /out/mockserver /mockserver
COPY --from=build --chown=65532:65532 /out/data /data
USER 65532:65532
ENV MOCK_ADDR=0.0.0.0:8080 \
    MOCK_DB=/data/mocksuite.db \
    SQLITE_TMPDIR=/data
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=5s --timeout=3s --start-period=2s --retries=5 \
    CMD ["/mockserver", "healthcheck", "--url", "http://127.0.0.1:8080/__admin/health"]
ENTRYPOINT ["/mockserver"]
CMD ["serve"]
