/* @applet broken
   @colour blue
   @help
Usage: broken
*/
MC_APPLET(broken) { return 0; }
