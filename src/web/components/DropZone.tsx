import { useRef, useState, type DragEvent } from 'react';
import { ACCEPT, fromDataTransfer, fromFileList, type PickedFile } from '../files.js';
import { UploadIcon } from '../icons.js';

/** The drop area is itself the file picker's button; a second button picks a whole folder. */
export function DropZone({ onFiles }: { onFiles(files: PickedFile[]): void }) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    onFiles(await fromDataTransfer(e.dataTransfer));
  };
  const onDragOver = (e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };

  return (
    <div className="drop-row">
      <button
        type="button"
        className={`drop-zone${over ? ' drop-over' : ''}`}
        onClick={() => fileInput.current?.click()}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        aria-describedby="drop-hint"
      >
        <UploadIcon />
        <span className="drop-title">选择工作簿…</span>
        <span id="drop-hint" className="drop-hint">
          或把文件、文件夹拖到这里（.xlsx、.xlsm、.xls、.et，可一次多个）
        </span>
      </button>
      <button type="button" className="btn" onClick={() => folderInput.current?.click()}>
        选择文件夹…
      </button>
      <input
        ref={fileInput}
        data-testid="file-input"
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        onChange={(e) => {
          if (e.target.files) onFiles(fromFileList(e.target.files));
          e.target.value = '';
        }}
      />
      <input
        ref={(el) => {
          folderInput.current = el;
          // React does not know webkitdirectory; set it on the element.
          if (el) el.setAttribute('webkitdirectory', '');
        }}
        data-testid="folder-input"
        type="file"
        multiple
        hidden
        onChange={(e) => {
          if (e.target.files) onFiles(fromFileList(e.target.files));
          e.target.value = '';
        }}
      />
    </div>
  );
}
