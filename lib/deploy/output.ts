/**
 * Deployment output kept within `limit` characters: the head (how it started) and the
 * tail (how it ended) survive, the middle is replaced by a marker saying how much was cut.
 */
export class BoundedOutput {
  private head = "";
  private tail = "";
  private cut = 0;

  constructor(private readonly limit = 256 * 1024) {}

  append(text: string) {
    const headRoom = Math.floor(this.limit / 4);
    if (this.head.length < headRoom) {
      const take = text.slice(0, headRoom - this.head.length);
      this.head += take;
      text = text.slice(take.length);
    }
    this.tail += text;
    const tailRoom = this.limit - headRoom;
    if (this.tail.length > tailRoom) {
      this.cut += this.tail.length - tailRoom;
      this.tail = this.tail.slice(this.tail.length - tailRoom);
    }
  }

  toString(): string {
    return this.cut ? `${this.head}\n[… ${this.cut} characters of output cut …]\n${this.tail}` : this.head + this.tail;
  }
}
